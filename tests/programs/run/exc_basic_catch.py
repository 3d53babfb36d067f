import sys
try:
    x = 1 / 0
except ZeroDivisionError as e:
    print("caught", e, repr(e), e.args)
    print(sys.getsizeof(e), sys.getrefcount(e))
print("after")
