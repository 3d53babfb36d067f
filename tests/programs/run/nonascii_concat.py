import sys
s = 'ab'
t = s + 'ü'
u = t + 'ω'
v = u + '😀'
for x in (s, t, u, v):
    print(len(x), sys.getsizeof(x))
