class C:
    pass
d = {1: 5, 2: 3}
before = C()
m = max(d, key=d.get)
after = C()
print(m)
e = [3, 1, 2]
print(sorted(e, key=d.get) if False else sorted([1, 2], key=d.get))
del before
n = min([2, 1], key=d.get)
t = C()
print(n)
