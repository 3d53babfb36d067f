# Finalizers run in the collector's list order, which an automatic collection while
# the objects lived may have changed: refused once containers were made.
import gc


class Resource:
    def __init__(self, name):
        self.name = name
        self.peer = None

    def __del__(self):
        print('closing', self.name)


a = Resource('a')
b = Resource('b')
a.peer, b.peer = b, a
del a, b
print(gc.collect())
