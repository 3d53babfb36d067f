# Cycles of several kinds, some aged into generation 1, then a mark without a
# snapshot, a heap snapshot and the collection it predicts, and a leak held by a
# module global (tests/heap-snapshot.test.ts).
import gc, weakref, pymem_record

gc.disable()
keep = []


class Node:
    def hello(self):
        pass


class Fin:
    def __del__(self):
        pass


def cycles(n):
    for _ in range(n):
        a = Node(); b = Node(); a.o = b; b.o = a
        l = []; l.append(l)
        f = Fin(); f.me = f
        d = {}; d['d'] = d
        m = Node(); m.m = m.hello
        w = Node(); w.me = w; keep.append(weakref.ref(w))


class Leak:
    pass


registry = {'cache': [None, None, None, Leak()]}   # pymem why names this chain

cycles(3)
gc.collect(0)          # no garbage survives; the survivors below age into gen 1
s = Node(); s.me = s; keep.append(s)
gc.collect(0)
cycles(2)
pymem_record.mark('plain')
pymem_record.snapshot('s')
print(gc.collect(1))
