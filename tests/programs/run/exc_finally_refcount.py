import sys
obj = [1, 2]
def f(o):
    try:
        o[9]
    finally:
        print("finally", sys.getrefcount(o))
try:
    f(obj)
except IndexError as e:
    print("caught", sys.getrefcount(obj))
print(sys.getrefcount(obj))
