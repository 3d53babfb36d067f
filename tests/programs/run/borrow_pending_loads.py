import sys
def count(a):
    return sys.getrefcount(a)
def pending():
    x = [1, 2]
    y = x
    print('alone', sys.getrefcount(x))
    print('beside', x is y, sys.getrefcount(x))
    print('in list', [x, y, sys.getrefcount(x)][2])
    print('in tuple', (x, count(x))[1])
    print('after or', [x, count(x) or 0][1])
    print('after if', [x, count(x) if y else 0][1])
    print('sum', len(x) + count(x))
    z = x
    z = None
    print('rebound other', sys.getrefcount(x), z)
pending()
