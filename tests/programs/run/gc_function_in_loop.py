import gc
gc.collect()
def make(n):
    a = [n]
    b = [a]
    a.append(b)
    return len(a)
gc.disable()
total = 0
for i in range(30):
    total += make(i)
print(total)
print(gc.collect())
gc.enable()
