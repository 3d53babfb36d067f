words = ['pear', 'apple', 'fig', 'Zebra', 'apricot']
best = words[0]
for w in words:
    if w < best:
        best = w
print(best)
print('a' < 'B', 'abc' == 'ab' + 'c', 'é' > 'z', '' < 'a')
