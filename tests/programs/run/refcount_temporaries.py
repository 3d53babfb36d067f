import sys
print(sys.getrefcount([]))
print(sys.getrefcount([1, 2]))
print(sys.getrefcount({}))
x = 12345
print(sys.getrefcount(x + 1))
