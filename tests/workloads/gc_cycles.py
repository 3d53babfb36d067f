"""Reference cycles that only the cycle collector frees."""
import gc
import os
import pymem_record


class Node:
    def __init__(self, payload):
        self.payload = payload
        self.partner = None


def make_cycles(count):
    for i in range(count):
        a, b = Node("a" * (i % 300)), Node([i] * (i % 50))
        a.partner, b.partner = b, a


gc.disable()
make_cycles(800)
pymem_record.mark("cycles-unreachable")
collected = gc.collect()
pymem_record.mark("collected")
gc.enable()
make_cycles(2500)  # automatic collections run while these are made
gc.collect()
pymem_record.mark("auto-collected")

# End without interpreter teardown: the fixture stays small.
pymem_record.mark("end")
os._exit(0)
