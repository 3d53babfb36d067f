d = {1: 1, 2: 2}
for k in d:
    del d[k]
    d[k+100]=1
    if k > 300: break
print(d)
