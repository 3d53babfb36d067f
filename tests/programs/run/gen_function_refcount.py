import sys
def gen():
    yield 1
    yield 2
print(sys.getrefcount(gen))
a = gen()
print(sys.getrefcount(gen))
b = gen()
print(sys.getrefcount(gen))
next(a)
print(sys.getrefcount(gen))
for v in a:
    pass
print(sys.getrefcount(gen))
del b
print(sys.getrefcount(gen))
