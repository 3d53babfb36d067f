"""Cycles collected by explicit gc.collect() calls; prints what each call returned."""
import gc
import os
import sys
import pymem_record


class Node:
    def __init__(self):
        self.other = None


gc.disable()
returned = []
for round_ in range(5):
    for _ in range(200 * (round_ + 1)):
        a, b = Node(), Node()
        a.other, b.other = b, a
    del a, b
    returned.append(gc.collect())
sys.stdout.write(" ".join(map(str, returned)) + "\n")
sys.stdout.flush()
pymem_record.mark("done")
os._exit(0)
