import sys
def pair():
    value = [0]
    def get():
        return value
    def put(v):
        nonlocal value
        value = v
    return get, put
get, put = pair()
old = get()
print(sys.getrefcount(old))
put([1, 2])
print(get(), sys.getrefcount(old))
put(old)
print(get() is old, sys.getrefcount(old))
