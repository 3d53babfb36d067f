import sys
for n in (1, 5, 11, 12, 13, 20, 30):
    words = ' '.join(['w'] * n)
    parts = words.split()
    print(n, len(parts), sys.getsizeof(parts))
line = 'k=v;k2=v2;k3=v3'
fields = line.split(';')
print(fields, sys.getsizeof(fields))
