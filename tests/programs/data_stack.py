# The 3.11+ data stack's chunks (pymem's objects layer truth; tests/objects-data-stack.test.ts
# runs the same calls on the model). "calibrate" calls f0 ever deeper until the root
# chunk overflows (which tells how much of it is free at module level); the later
# sections are predicted from that. Frames of Python calls only: the cyclic GC is off.
import gc
import pymem_record

gc.disable()


def f0(n):
    return f0(n - 1) if n else 0


exec('def huge():\n    ' + '; '.join('v%d = 0' % i for i in range(2090)) + '\n')
k = None

pymem_record.mark("calibrate")
for k in range(250):
    f0(k)
pymem_record.mark("deep")
f0(900)
pymem_record.mark("huge")
huge()
pymem_record.mark("deep-again")
f0(400)
pymem_record.mark("end")
