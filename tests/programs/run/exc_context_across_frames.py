import sys
def probe():
    try:
        [][0]
    except IndexError as e:
        return repr(e.__context__)
try:
    1 / 0
except ZeroDivisionError as z:
    print(probe(), sys.getrefcount(z))
print(probe())
