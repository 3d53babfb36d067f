l = list(range(3000))
t = 0
for i in range(len(l)):
    t += l[i]
l2 = l[:]
while l2:
    l2.pop()
s = "x" * 10
parts = []
for i in range(5000):
    parts.append(s)
j = "".join(parts)
print(t, len(j), 2999 in l, l.index(2999), l.count(5))
tu = tuple(l)
print(len(tu), tu[-1], l[-5:])
