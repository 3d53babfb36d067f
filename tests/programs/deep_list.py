# Dropping a 12,000-deep nested list: the order its levels are freed in shows the
# trashcan (pymem's objects layer truth; tests/objects-trashcan.test.ts). The GC is off
# so that only the deallocation runs between the marks.
import gc
import pymem_record

gc.disable()
n = None
pymem_record.mark("build")
n = []
for _ in range(12000):
    n = [n]
pymem_record.mark("drop")
n = None
pymem_record.mark("end")
import os
os._exit(0)
