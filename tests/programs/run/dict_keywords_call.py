import sys
# dict(name=value, ...): 3.8 through a keywords dict merged in; 3.9+ dict_vectorcall.
d = dict(a=1, b=2)
print(d, sys.getsizeof(d))
e = dict({"x": 1}, y=2, z=[3])
print(e, sys.getsizeof(e))
f = dict([("p", 1)], q=2)
print(f, list(f))
big = dict(a=1, b=2, c=3, d=4, e=5, f=6, g=7)
print(len(big), sys.getsizeof(big))
g = dict(zip("ab", [1, 2]), c=3)
print(g, sys.getsizeof(g))
h = dict(a=1)
del h
after = {}
print(sys.getsizeof(after), dict(x=[], y=()) == {"x": [], "y": ()})
t = {}
ida = id(t)
del t
k = dict(a=1, b=2)
n1 = {}
print(id(n1) == ida, id(k) == ida)
