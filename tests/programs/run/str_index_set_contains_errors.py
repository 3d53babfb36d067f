# The TypeErrors of a str indexed by a non-int (worded apart before 3.11) and of an
# unhashable item looked up in a set or a dict (hashed first, even when empty).
s = "abc"
for key in ["x", 1.5, None]:
    try:
        s[key]
    except TypeError as e:
        print(e)
for container in [{1, 2}, set(), {1: 2}, {}]:
    try:
        print([1] in container)
    except TypeError as e:
        print(type(container).__name__, e)
print(1 in {1, 2}, 1.0 in {1}, True in {1})
