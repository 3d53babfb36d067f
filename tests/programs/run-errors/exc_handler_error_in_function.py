def lookup(d, k):
    try:
        return d[k]
    except KeyError:
        return d[k + "_default"]
print(lookup({"a": 1, "b_default": 2}, "b"))
print(lookup({}, "c"))
