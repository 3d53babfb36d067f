# Allocator requests of object operations, section by section (pymem's objects layer
# truth; tests/objects-requests.test.ts runs the same sections on the model). Names are
# bound before the first mark so storing them never grows the module dict; the free
# lists of lists, dicts, dict keys and floats are drained (their objects kept alive) so
# that every section starts from the state a fresh model heap is in. The cyclic GC is
# off: a collection (and the recorder's gc callback) would allocate in the middle.
import gc
import sys
import pymem_record

gc.disable()

l = m = m2 = m3 = n = d = d2 = e = e2 = e3 = e4 = d3 = d4 = dd = None
s = s2 = f = g = h = t = c = cb = tp = tq = b = ba = None
i1 = i2 = i3 = i4 = n3 = None
c = 'a'
cb = b'a'
keep_lists = [[] for _ in range(100)]
keep_tuples = [(i, i, i, i, i, i, i) for i in range(2100)] + [(i, i, i, i, i, i, i, i, i) for i in range(2100)]
keep_dicts = [{'x': 1} for _ in range(100)]
keep_floats = [float(i) for i in range(120)]

pymem_record.mark("list-append")
l = []
l.append(1)
l.append(1)
l.append(1)
l.append(1)
l.append(1)
l.append(1)
l.append(1)
l.append(1)
l.append(1)
l.append(1)
l.append(1)
l.append(1)
l.append(1)
l.append(1)
l.append(1)
l.append(1)
l.append(1)
l.append(1)
l.append(1)
l.append(1)
pymem_record.mark("list-display")
m = [1, 2, 3]
pymem_record.mark("list-copy")
m2 = m.copy()
pymem_record.mark("list-repeat")
m3 = m * 3
pymem_record.mark("list-extend")
m.extend(m3)
pymem_record.mark("list-pop")
m.pop()
m.pop()
m.pop()
m.pop()
m.pop()
m.pop()
m.pop()
pymem_record.mark("list-drop")
l = None
m2 = None
pymem_record.mark("list-nested")
n = [[1], [2, 3], []]
n = None
pymem_record.mark("dict-str")
d = {}
d['a'] = 1
d['b'] = 1
d['c'] = 1
d['d'] = 1
d['e'] = 1
d['f'] = 1
d['g'] = 1
d['h'] = 1
d['i'] = 1
d['j'] = 1
d['k'] = 1
d['l'] = 1
pymem_record.mark("dict-int")
e = {}
e[1] = 1
e[2] = 1
e[3] = 1
e[4] = 1
e[5] = 1
e[6] = 1
e[7] = 1
pymem_record.mark("dict-copy")
d2 = d.copy()
pymem_record.mark("dict-del")
del e[1]
del e[2]
pymem_record.mark("dict-drop")
d = None
e = None
d2 = None
pymem_record.mark("dict-sparse")
e3 = {}
e3[1] = 1
e3[2] = 1
e3[3] = 1
e3[4] = 1
e3[5] = 1
e3[6] = 1
e3[7] = 1
e3[8] = 1
del e3[1]
del e3[2]
del e3[3]
del e3[4]
del e3[5]
del e3[6]
pymem_record.mark("dict-sparse-copy")
d3 = e3.copy()
pymem_record.mark("dict-of-dict")
e4 = {}
e4[1] = 1
e4[2] = 1
e4[3] = 1
d4 = dict(e4)
e3 = d3 = e4 = d4 = None
pymem_record.mark("dict-mixed")
e2 = {}
e2['a'] = 1
e2[1] = 1
e2 = None
pymem_record.mark("dict-display")
dd = {'a': c, 'b': c, 'c': c, 'd': c, 'e': c, 'f': c}
dd = None
pymem_record.mark("set-add")
s = set()
s.add(1)
s.add(2)
s.add(3)
s.add(4)
s.add(5)
s.add(6)
s.add(7)
s.add(8)
pymem_record.mark("set-copy")
s2 = s.copy()
pymem_record.mark("set-drop")
s = None
s2 = None
pymem_record.mark("float")
f = float(1)
g = float(2)
f = None
h = float(3)
g = None
pymem_record.mark("str")
t = c * 50
t = None
t = c * 600
t = None
pymem_record.mark("tuple")
tp = (c, c, c, c, c, c, c)
tq = (c, c, c, c, c, c, c, c, c)
tp = None
tp = (c, c, c, c, c, c, c)
tq = None
tp = None
pymem_record.mark("bytes")
b = cb * 40
b = None
b = cb * 1
pymem_record.mark("bytearray")
ba = bytearray()
ba.append(1)
ba.append(1)
ba.append(1)
ba.append(1)
ba.append(1)
ba.append(1)
ba = None
pymem_record.mark("trashcan")
n = []
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = [n]
n = None
pymem_record.mark("intern")
i1 = sys.intern(''.join(('pym', 'em_r1')))
i2 = sys.intern(''.join(('pym', 'em_r1')))
i1 = None
i2 = None
i3 = sys.intern(''.join(('pym', 'em_r3')))
n3 = ''.join(('pym', 'em_r3'))
i4 = sys.intern(n3)
i3 = None
i4 = None
n3 = None
pymem_record.mark("end")
import os
os._exit(0)
