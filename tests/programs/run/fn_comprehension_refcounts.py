import sys
objs = [[1], [2], [3]]
print([sys.getrefcount(o) for o in objs])
print({sys.getrefcount(o) for o in objs})
def inside():
    local = [0]
    counts = [sys.getrefcount(local) for _ in range(2)]
    return counts, sys.getrefcount(local)
print(inside())
last = objs[-1]
r = [o for o in objs]
print(sys.getrefcount(last), sys.getrefcount(r))
