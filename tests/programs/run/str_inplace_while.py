# while loops: 3.11 warms its code up only on unconditional backward jumps.
def w(n):
    s = str(n) + 'abc'
    r = []
    i = 0
    while i < n:
        a = id(s)
        s += 'x'
        r.append(id(s) == a)
        i += 1
    return ''.join('T' if x else '.' for x in r)

def wt(n):
    s = str(n) + 'abc'
    r = []
    i = 0
    while True:
        a = id(s)
        s += 'x'
        r.append(id(s) == a)
        i += 1
        if i >= n:
            break
    return ''.join('T' if x else '.' for x in r)

def wc(n):
    s = str(n) + 'abc'
    r = []
    i = 0
    while i < n:
        i += 1
        a = id(s)
        s += 'x'
        r.append(id(s) == a)
        if i % 2:
            continue
        s += 'y'
    return ''.join('T' if x else '.' for x in r)

for f in (w, wt, wc):
    print(f.__name__, f(14), f(14))
