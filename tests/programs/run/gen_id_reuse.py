def gen():
    yield 1
a = gen()
first = id(a)
del a
b = gen()
print(id(b) == first)
c = gen()
print(id(c) == first, id(c) == id(b))
