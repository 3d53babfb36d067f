k = 3
probe = k * 1000
pid = id(probe)
del probe
class T:
    pass
n = k * 2000
print(id(n) == pid)
probe = k * 1000
pid = id(probe)
del probe
class U:
    pass
m = k * 3000
print(id(m) == pid)
class V(U):
    pass
items = [k * 10 ** i for i in range(3, 8)]
print(len(items))
