import sys

def countdown(n):
    while n > 0:
        got = yield n
        if got:
            n -= got
        n -= 1
    return "liftoff"

def pair():
    yield 1
    return (1, 2)

def nothing():
    yield 0

g = countdown(5)
print(next(g), g.send(2), next(g))
try:
    next(g)
except StopIteration as e:
    print("value:", e.value, e.args, type(e).__name__)
p = pair()
next(p)
try:
    next(p)
except StopIteration as e:
    print("tuple value:", e.value, e.args, len(e.args))
n = nothing()
next(n)
try:
    n.send(None)
except StopIteration as e:
    print("none:", e.value, e.args)
k = countdown(1)
next(k)
try:
    k.send(0)
except StopIteration as e:
    r = e.value
print(r, len(r))
def gen_total(xs):
    total = 0
    for x in xs:
        total += x
        yield total
    return total * 10
t = gen_total([1, 2, 3])
while True:
    try:
        print("step", next(t))
    except StopIteration as e:
        print("done", e.value)
        break
