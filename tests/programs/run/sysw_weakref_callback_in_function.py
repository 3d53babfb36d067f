import sys
import weakref
class Temp:
    pass
def work():
    t = Temp()
    r = weakref.ref(t, lambda ref: print('temp gone'))
    print('inside', r() is t)
    return r
r = work()
print('outside', r() is None, sys.getsizeof(r))
