# == between dict views: keys and items views compare as sets (with each other, keys with sets); a values view only with itself.
d = {"a": 1, "b": [2]}
e = {"b": [2], "a": 1}
print(d.items() == d.items(), d.keys() == e.keys(), d.items() == e.items(), d.values() == d.values())
v = d.values()
print(v == v, d.keys() == {"a", "b"}, {"a", "b"} == d.keys(), d.keys() != {"a"}, d.items() != e.items())
e["a"] = 2
print(d.items() == e.items(), d.keys() == e.keys())
