# Dealloc order: the nodes drop their key references first (no key dies there), then
# the dict releases each entry, key then value; clear: values and keys via PyDict_Clear.
import collections


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


od = collections.OrderedDict()
od['a'] = Noisy('a')
od['b'] = Noisy('b')
od['c'] = Noisy('c')
od.move_to_end('a')
print('delitem')
del od['b']
print('pop')
od.pop('c')
print('popitem')
od['x'] = Noisy('x')
od.popitem(last=False)
print('clear')
od['y'] = Noisy('y')
od.clear()
print('del od')
od['p'] = Noisy('p')
od['q'] = Noisy('q')
od.move_to_end('p')
del od
print('end')
