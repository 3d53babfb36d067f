import sys
payload = [1, 2, 3]
print(sys.getrefcount(payload))
e = ValueError(payload, "x")
print(sys.getrefcount(payload))
print(e.args[0] is payload)
del e
print(sys.getrefcount(payload))
try:
    raise TypeError(payload)
except TypeError as err:
    print(sys.getrefcount(payload), err.args[0] is payload)
print(sys.getrefcount(payload))
