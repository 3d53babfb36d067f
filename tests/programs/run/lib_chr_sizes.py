import sys
for code in (65, 200, 255, 256, 8364, 128512):
    c = chr(code)
    print(code, sys.getsizeof(c), ord(c) == code)
x = chr(300)
y = chr(300)
print(x == y, x is y)
