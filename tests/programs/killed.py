"""Allocates forever after a mark; the test kills it with SIGKILL."""
import sys
import pymem_record

keep = [bytes(64) for _ in range(10000)]
pymem_record.mark("started")
sys.stdout.write("ready\n")
sys.stdout.flush()
while True:
    keep.append([str(i) for i in range(100)])
    if len(keep) > 50000:
        del keep[:40000]
