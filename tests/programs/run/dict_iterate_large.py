d = {}
for i in range(3000):
    d[i] = i
t = 0
for k in d:
    t += k
print(t)
print(max(d))
