import sys
def count(a):
    return sys.getrefcount(a)
def with_default(a, b=None):
    return sys.getrefcount(a)
def keyword_only(*, a):
    return sys.getrefcount(a)
def star(*args):
    return sys.getrefcount(args[0])
def two(a, b):
    return sys.getrefcount(a), sys.getrefcount(b)
def relay(a):
    return count(a)
def caller():
    x = []
    print('positional', count(x))
    print('default', with_default(x))
    print('keyword', count(a=x))
    print('keyword-only', keyword_only(a=x))
    print('star', star(x))
    print('both', two(x, x))
    print('relayed', relay(x))
    print('fresh', count([]))
    print('lambda', (lambda a: sys.getrefcount(a))(x))
x = []
print('module', count(x), relay(x))
caller()
