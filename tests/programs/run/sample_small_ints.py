n = 200
a = n + 56
b = n + 56
print(a, 'is', b, '->', a is b)
c = n + 57
d = n + 57
print(c, 'is', d, '->', c is d)
if a is b and c is not d:
    print("Ints from -5 to 256 are cached: every 256 is one object, every new 257 is a new one.")
