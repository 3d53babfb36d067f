import weakref
class Obj:
    pass
log = []
def cb(r):
    log.append('cb')
    print('callback sees', len(log), r() is None)
first = Obj()
second = Obj()
first.next = second
r1 = weakref.ref(first, cb)
r2 = weakref.ref(second, cb)
print(weakref.getweakrefcount(first), weakref.getweakrefcount(second))
del second
print('second alive', r2() is not None)
del first
print(log, r1() is None, r2() is None)
