import weakref
class Res:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
def after(r):
    print('callback', r() is None)
x = Res('x')
r = weakref.ref(x, after)
del x
print('end', r() is None)
