import sys
def check(v):
    try:
        return 10 // v
    except ZeroDivisionError as e:
        print("seen", repr(e))
        raise e
try:
    check(0)
except ZeroDivisionError as err:
    print("outer", err, sys.getrefcount(err))
saved = None
try:
    [][0]
except IndexError as e:
    saved = e
try:
    raise saved
except IndexError as again:
    print(again is saved, sys.getrefcount(saved))
