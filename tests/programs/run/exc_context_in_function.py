import gc
import sys
gc.collect()
def convert(d, k):
    try:
        return d[k]
    except KeyError:
        raise ValueError("no " + k)
payload = {"a": [1]}
try:
    convert(payload, "b")
except ValueError as e:
    print(repr(e), repr(e.__context__), sys.getrefcount(payload))
print(sys.getrefcount(payload), gc.collect())
