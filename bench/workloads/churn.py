"""Benchmark workload: about a million allocator events of mixed sizes and lifetimes."""
import os

try:
    import pymem_record  # present only when recorded: the plain run is the baseline
except ImportError:
    pymem_record = None

survivors = []
for round_ in range(60):
    batch = [{"id": i, "name": "item-%d" % i, "tags": [i, i + 1]} for i in range(2500)]
    text = [("w%d" % i) * (i % 40) for i in range(1500)]
    survivors.extend(batch[:: 50])
    del batch, text
if pymem_record:
    pymem_record.mark("end")
os._exit(0)
