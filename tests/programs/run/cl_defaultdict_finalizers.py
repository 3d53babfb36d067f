# Dealloc order: the factory first, then key and value of each entry in order.
import collections


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


def factory():
    return Noisy('made')


d = collections.defaultdict(factory)
d['a'] = Noisy('a')
d['b'] = Noisy('b')
d['c']
print('delitem')
del d['a']
print('pop')
d.pop('b')
d['x'] = Noisy('x')
print('clear')
d.clear()
d['y'] = Noisy('y')
d['z']
print('del d')
del d
print('end')
