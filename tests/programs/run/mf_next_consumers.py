import gc
import sys
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n == 0:
            raise StopIteration(len('done'))
        self.n -= 1
        return [self.n]
gc.collect()
cd = Countdown(3)
got = list(cd)
print(got, sys.getsizeof(got), sys.getrefcount(cd), gc.collect())
print(sum([len(p) for p in Countdown(5)]), [0] in Countdown(2), [5] in Countdown(2))
try:
    next(cd)
except StopIteration as e:
    print(e.value, e.args, sys.getsizeof(e), sys.getrefcount(cd))
print(sys.getrefcount(cd), gc.collect())
class Pairs:
    def __init__(self, inner):
        self.inner = inner
    def __iter__(self):
        return Walker(self.inner)
class Walker:
    def __init__(self, items):
        self.items = items
        self.i = 0
    def __next__(self):
        if self.i < len(self.items):
            self.i += 1
            return self.items[self.i - 1]
        raise StopIteration
ps = Pairs([1, 2, 3])
for q in ps:
    print(q, sys.getrefcount(ps.inner))
print(sys.getrefcount(ps.inner), gc.collect())
print({k: k * 2 for k in Pairs('ab')})
