# Instances as dict keys (hashed by identity); dict_traverse visits each value, then
# its key, which orders what the first full collection rescues and later finalizes.
import gc
class D:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("del", self.n)
gc.disable()
class K:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("delk", self.n)
m = {}
m[K(1)] = D(1)
m[K(2)] = D(2)
holder = D(0)
holder.m = m
m[K(3)] = holder
print(gc.collect())
del m, holder
print(gc.collect())
