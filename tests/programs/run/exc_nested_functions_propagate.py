import sys
def a(x):
    return b(x) + 1
def b(x):
    return c(x) * 2
def c(x):
    return x[100]
data = [1]
for i in range(3):
    try:
        a(data)
    except IndexError as e:
        print(i, e, sys.getrefcount(data))
print(sys.getrefcount(data))
