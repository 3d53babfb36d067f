# The interned dict growing (tests/objects-interned.test.ts): 40,000 new strs interned,
# three in four dropped (3.8-3.11, 3.13: mortal, they leave the dict; 3.12: immortal),
# then 20,000 more. Each str is made by '%' formatting, which ends with exactly one
# realloc (_PyUnicodeWriter_Finish): the recording's reallocs count the strs. The
# cyclic GC is off, so nothing else allocates in between.
import gc
import sys
import pymem_record

gc.disable()
names = [None] * 40000
more = [None] * 20000
i = 0
pymem_record.mark("intern")
for i in range(40000):
    names[i] = sys.intern('pymem_%d' % i)
for i in range(40000):
    if i % 4:
        names[i] = None
for i in range(20000):
    more[i] = sys.intern('pymem_x%d' % i)
pymem_record.mark("end")
import os
os._exit(0)
