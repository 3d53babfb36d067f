# A str also held elsewhere, or used as a dict key (its hash cached), is copied.
def grow(s, rounds, keep):
    kept = []
    seen = {}
    out = []
    for i in range(rounds):
        a = id(s)
        if i == keep:
            kept.append(s)
        if i == keep + 3:
            seen[s] = i
        s += 'ab'
        out.append('=' if id(s) == a else '+')
    return ''.join(out), len(kept), len(seen)

print(grow(str(7) * 3, 12, 2))
print(grow(str(8) * 3, 12, 5))
t = str(42) + 'z'
u = t
t += 'y'
print(t, u, t is u)
