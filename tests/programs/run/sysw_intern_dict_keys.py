import sys
def key(i):
    return sys.intern(''.join(['field ', str(i)]))
table = {}
for i in range(6):
    table[key(i)] = i
names = [k for k in table]
print(names[2] is key(2), sys.getsizeof(names[2]))
print(sys.getrefcount(names[4]))
if sys.version_info >= (3, 9):
    print('dict ok', len(table))
n = sys.version_info[-4]
print(n > 7, sys.version_info[-5])
