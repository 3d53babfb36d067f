# A builtin value's missing attribute is CPython's AttributeError (caught here): the
# lookup fails before the call's arguments are evaluated; 3.10+ keep the object in the
# exception while it lives.
import sys


def arg(label):
    print("evaluated", label)
    return label


values = [tuple([1, 2, 3]), [1, 2], "text", {"k": 1}, 7, 2.5, True, None, b"xy", {1, 2},
          frozenset([3]), range(3)]
for v in values:
    try:
        v.push(arg("push"))
    except AttributeError as e:
        print(e)
t = tuple([4, 5])
before = sys.getrefcount(t)
try:
    t.sort()
except AttributeError as e:
    print(e, sys.getrefcount(t) - before)
print(sys.getrefcount(t) - before)
try:
    method = t.push
except AttributeError as e:
    print("as a value:", e)
try:
    print(len.missing)
except AttributeError as e:
    print(e)
