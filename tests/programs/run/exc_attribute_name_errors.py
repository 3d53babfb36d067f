import sys
NEW = sys.version_info >= (3, 10)
class S:
    __slots__ = ('a',)
class P:
    def __init__(self):
        self.value = 1
p = P()
s = S()
try:
    p.valeu
except AttributeError as e:
    print(repr(e), sys.getsizeof(e), sys.getrefcount(p))
    if NEW:
        print(e.name, e.obj is p)
print(sys.getrefcount(p))
try:
    s.d = 4
except AttributeError as e:
    print(repr(e), sys.getsizeof(e))
try:
    undefined_name
except NameError as e:
    print(repr(e), sys.getsizeof(e))
    if NEW:
        print(e.name)
def f():
    print(x)
    x = 1
try:
    f()
except NameError as e:
    print(repr(e), sys.getsizeof(e), type(e).__name__)
try:
    P.nothere
except AttributeError as e:
    print(repr(e))
    if NEW:
        print(e.name, e.obj is P)
try:
    del p.nothere
except AttributeError as e:
    print(repr(e))
try:
    raise AttributeError('mine')
except AttributeError as e:
    print(repr(e), sys.getsizeof(e))
    if NEW:
        print(e.name, e.obj)
kept = None
def lookup(obj):
    global kept
    try:
        return obj.missing
    except AttributeError as err:
        kept = err
        return None
lookup(P())
print(type(kept).__name__, str(kept))
del kept
print('done')
