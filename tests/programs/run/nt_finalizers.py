# An instance releases its fields last to first when it dies.
import collections


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


P = collections.namedtuple('P', 'first second third')
p = P(Noisy('a'), Noisy('b'), Noisy('c'))
print('made', p.first.name)
del p
print('after del')
q = P(Noisy('x'), Noisy('y'), Noisy('z'))
r = q._replace(second=Noisy('y2'))
del q
print('after q')
del r
print('end')
