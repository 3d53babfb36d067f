import sys
d = {'x': 1}
d.update(y=2)
print(d, sys.getsizeof(d))
d.update({'a': 0}, b=5, c=[1, 2])
print(d, sys.getsizeof(d))
v = [9]
e = {}
e.update(k=v)
print(e, sys.getrefcount(v), sys.getsizeof(e))
settings = dict(debug=False)
for i in range(5):
    settings.update(level=i, name='run' + str(i))
print(settings, len(settings))
f = {}

f.update(one=1, two=2, three=3, four=4, five=5, six=6)
print(sys.getsizeof(f), f)
g = {'p': 1}
g.update(p=2)
print(g)
