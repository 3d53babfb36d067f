# Containers formatted without a spec: f-strings, str(), %s/%r and str.format (list_repr & co.: always a new str of the repr's text).
import sys
items = [1, 2, 3]
d = {"a": 1}
t = (1, "x")
print(f"items: {items}, d={d}, t={t}")
print(f"{items!r} {3.5} {d!r} {(1,)}")
print("list: %s" % (items,), "dict: {}".format(d))
print(str(items), str(d), str(t), str(set()), str(range(3)))
s = str(items)
print(len(s), sys.getsizeof(s))
nested = {"k": [1.5, (2, "é")], "s": {3}}
msg = f"nested={nested} r={nested!r} {'%r' % ([],)} {'{!s}|{}'.format((), [[]])}"
print(msg, len(msg), sys.getsizeof(msg))
print(sys.getsizeof(str([])), sys.getsizeof(f"{[]}"), sys.getsizeof(str({"é": 1})))
