"""Allocations tracemalloc and the recording must attribute identically.

Only objects that never come from a free list: tracemalloc re-stamps an object
taken from a free list (frames, tuples, floats, lists, dicts …) with the line that
reused it, and such reuse never reaches the allocator, so no allocator recording
can see it (the object layer will model free lists). bytes and big ints are always
fresh allocations.
"""
import os
import pymem_record

blobs = []
numbers = []
for i in range(3000):
    blobs.append(bytes(100 + i % 700))
for i in range(2000):
    numbers.append(i * 1000003 + 2**40)
del blobs[::3]
pymem_record.mark("made")
os._exit(0)
