# A str looked up in a dict or set has its hash cached: it is copied from then on.
def f(words):
    s = str(len(words)) + '>'
    seen = set()
    log = []
    for w in words:
        a = id(s)
        s += w
        log.append('=' if id(s) == a else '+')
        if w in ('d', 'g'):
            seen.add(s)
        if w == 'k':
            log.append('y' if s in {'x': 1} else 'n')
    return ''.join(log), len(seen)

print(f('abcdefghijklmn'))
def g():
    s = str(1) + '_name'
    for i in range(12):
        s += 'x'
    return s
class C:
    pass
o = C()
n = g()
print(hasattr(o, n), getattr(o, n, None))
