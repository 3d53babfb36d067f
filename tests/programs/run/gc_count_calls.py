# gc.get_count() across calls of Python functions, classes and generators. From 3.11 a
# call's frame is not an object, so the count is the containers the program made; on
# 3.8-3.10 every first call of a code object also makes a frame object pymem does not
# model, and the run says so.
import gc


class Node:
    def __init__(self, value):
        self.value = value
        self.children = []

    def add(self, value):
        child = Node(value)
        children = self.children
        children.append(child)
        return child


def pairs(n):
    out = []
    k = 0
    while k < n:
        out.append((k, [k]))
        k += 1
    return out


def numbers(n):
    k = 0
    while k < n:
        yield [k]
        k += 1


def counter():
    seen = []

    def count(x):
        seen.append(x)
        return len(seen)

    return count


gc.collect()
counts = [gc.get_count()]
root = Node(0)
counts.append(gc.get_count())
leaf = root.add(1)
mid = root.add(2)
mid.add(3)
counts.append(gc.get_count())
p = pairs(5)
counts.append(gc.get_count())
del p
counts.append(gc.get_count())
g = numbers(3)
first = next(g)
second = next(g)
counts.append(gc.get_count())
rest = list(g)
del g
counts.append(gc.get_count())
tally = counter()
tally('a')
tally(['b'])
counts.append(gc.get_count())
square = lambda v: [v, v]
sq = square(4)
counts.append(gc.get_count())
del root, leaf
counts.append(gc.get_count())
found = gc.collect()
counts.append(gc.get_count())
for count in counts:
    print(count)
print(found)
