l = [1, 2, 3]
l[0] += 5
l[-1] *= 10
print(l)
d = {'n': 0}
d['n'] += 1
d['n'] += 1
print(d)
c = 7
c -= 2
c **= 2
c //= 3
c %= 5
print(c)
f = 1.5
f /= 2
print(f)
