import gc
gc.collect()
class C:
    def method(self):
        return 1
c = C()
print(c.method())
del c
del C
print(gc.collect())
