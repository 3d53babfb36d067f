"""Random request sizes across every size class and beyond, freed in random order."""
import random
import os
import pymem_record

rng = random.Random(20261122)
live = []
for step in range(5000):
    if live and rng.random() < 0.45:
        live.pop(rng.randrange(len(live)))
    else:
        live.append(bytes(rng.choice((rng.randrange(0, 480), rng.randrange(480, 2000)))))
pymem_record.mark("random-live")
rng.shuffle(live)
del live[: len(live) * 3 // 4]
pymem_record.mark("three-quarters-freed")

# End without interpreter teardown: the fixture stays small.
pymem_record.mark("end")
os._exit(0)
