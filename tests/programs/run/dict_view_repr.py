# The repr of dict views (dictview_repr: the name, then the repr of a list of the view), an items view as pairs, the recursion guard.
d = {"a": 1, "b": [2, 3], 4: (5,)}
print(d.keys(), d.values(), d.items())
k = d.keys()
d["z"] = None
print(k, repr(d.items()), d.values())
e = {}
print(e.keys(), e.values(), e.items())
d["self"] = d.values()
print(d.values())
print([d.keys()], (d.items(),))
