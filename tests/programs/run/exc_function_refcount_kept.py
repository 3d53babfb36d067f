import sys
def fail(x):
    return x[1]
print(sys.getrefcount(fail))
kept = []
try:
    fail([])
except IndexError as e:
    kept.append(e)
print(sys.getrefcount(fail))
kept.pop()
print(sys.getrefcount(fail))
