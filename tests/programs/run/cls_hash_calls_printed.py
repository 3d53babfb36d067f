class Key:
    def __init__(self, name):
        self.name = name

    def __hash__(self):
        print("hash", self.name)
        return len(self.name)

    def __eq__(self, other):
        print("eq", self.name, other.name)
        return self.name == other.name

d = {}
a = Key("abc")
d[a] = 1
d[a] = 2
d[Key("abc")] = 3
print(d[Key("abc")], len(d))
print(Key("abc") in d, Key("xy") in d)
e = dict(d)
e.update(d)
print(len(e))
s = {a}
t = s | {Key("xy")}
print(len(t))
u = t & s
print(len(u))
del d[Key("abc")]
print(len(d))
d = {Key("abc"): 1, Key("xy"): 2}
print("pop")
print(d.pop(Key("xy")))
print("setdefault")
print(d.setdefault(Key("abc"), 5), d.setdefault(Key("q"), 6))
print("get and set")
d[a] = d.get(Key("abc"), 0) + 1
s = {Key("abc"), Key("zz")}
print("remove")
s.remove(Key("zz"))
print("discard")
s.discard(Key("abc"))
print(len(s), len(d))
from collections import Counter
print("counter")
c = Counter([a, Key("abc"), Key("xy")])
print(len(c), c[Key("xy")])
