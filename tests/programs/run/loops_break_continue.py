total = 0
for i in range(20):
    if i % 3 == 0:
        continue
    if i > 15:
        break
    total += i
print(total)
n = 0
found = None
while True:
    n += 1
    if n * n > 200:
        found = n
        break
print(found)
for i in range(3):
    for j in range(3):
        if j == i:
            continue
        print(i, j, end='; ')
print()
