import sys
shared = [0]
def risky(a, b=shared, scale=2):
    tmp = [a, b]
    return a[scale]
try:
    risky([1], scale=5)
except IndexError as e:
    print("caught", sys.getrefcount(shared))
print(sys.getrefcount(shared))
try:
    risky(b=[9], a=[1, 2])
except IndexError:
    print("caught again", sys.getrefcount(shared))
print(risky([4, 5, 6]))
