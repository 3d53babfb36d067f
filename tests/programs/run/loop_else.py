def find(items, wanted):
    for i in items:
        if i == wanted:
            print('found', i)
            break
    else:
        print('not found', wanted)
find([1, 2, 3], 2)
find([1, 2, 3], 7)
n = 0
while n < 3:
    n += 1
else:
    print('while done', n)
while True:
    break
else:
    print('never')
for x in range(0):
    pass
else:
    print('empty loop else')
