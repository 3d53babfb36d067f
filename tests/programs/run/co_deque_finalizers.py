# Items die when the deque releases them: clear() and dealloc release left to right.
import collections


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


d = collections.deque()
d.append(Noisy('a'))
d.append(Noisy('b'))
d.appendleft(Noisy('c'))
print('pop')
d.pop()
print('popleft')
d.popleft()
d.append(Noisy('e'))
d.append(Noisy('f'))
print('clear')
d.clear()
print('again', len(d))
d.extend([Noisy('g'), Noisy('h')])
d.appendleft(Noisy('i'))
print('del d')
del d
bounded = collections.deque(maxlen=1)
bounded.append(Noisy('j'))
print('push')
bounded.append(Noisy('k'))
del bounded
print('end')
