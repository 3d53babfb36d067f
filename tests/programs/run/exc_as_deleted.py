import sys
payload = [1, 2]
print(sys.getrefcount(payload))
try:
    raise ValueError(payload)
except ValueError as e:
    print("in handler", sys.getrefcount(payload))
print("after handler", sys.getrefcount(payload))
def f(p):
    try:
        raise KeyError(p)
    except KeyError as err:
        print("in f", sys.getrefcount(p))
    return sys.getrefcount(p)
print(f(payload))
print(sys.getrefcount(payload))
