s = 0
for v in [1, 2, 3, 4]:
    s += v
print(s)
for w in (10, 20):
    s += w
print(s)
for ch_code in range(65, 70):
    print(ch_code, end=' ')
print()
