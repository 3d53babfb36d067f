# gc.get_count() after a full collection: each container made adds one to generation 0,
# a list or tuple that goes back to its free list takes nothing off, and gc.collect(0)
# and gc.collect(1) move the count up a generation.
import gc

gc.collect()
counts = [gc.get_count()]
a = [1, 2]
b = {'k': a}
c = {1, 2}
d = (a, b)
counts.append(gc.get_count())
nested = []
for x in [1, 2, 3]:
    nested.append([x])
counts.append(gc.get_count())
i = 0
while i < 40:
    nested.append({'i': i})
    i += 1
counts.append(gc.get_count())
del nested
counts.append(gc.get_count())
b['more'] = [3]
b.pop('k')
c.add(3)
c.discard(1)
view = b.items()
keys = b.keys()
counts.append(gc.get_count())
e = a.copy()
f = b.copy()
g = c.copy()
counts.append(gc.get_count())
del e, f, g, view, keys
counts.append(gc.get_count())
n = len(a) + len(b)
same = isinstance(a, list)
counts.append(gc.get_count())
gc.collect(0)
counts.append(gc.get_count())
h = [a, b]
gc.collect(0)
counts.append(gc.get_count())
gc.collect(1)
counts.append(gc.get_count())
gc.disable()
j = [[], [], []]
counts.append(gc.get_count())
gc.enable()
for count in counts:
    print(count)
