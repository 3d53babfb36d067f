d = {1: 5, 2: 3, 3: 9}
n = 14
t1 = "ab" * n
a = id(t1)
del t1
m = max(d, key=d.get)
t2 = "cd" * n
print(m, id(t2) == a)
t3 = "ef" * n
b = id(t3)
del t3
r = sorted(d, key=d.get, reverse=True)
t4 = "gh" * n
print(r, id(t4) == b)
del t4
def g():
    return d
s = sorted([1, 2, 3], key=g().get)
t5 = "ij" * n
print(s, id(t5) == b)
