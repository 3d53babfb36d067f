import sys
def make():
    fs = []
    for i in range(3):
        fs.append(lambda: i * 10)
    return fs
fs = make()
print([f() for f in fs])
def make_defaults():
    fs = []
    for i in range(3):
        fs.append(lambda i=i: i * 10)
    return fs
gs = make_defaults()
print([g() for g in gs])
print(sys.getsizeof(fs[0]), sys.getsizeof(gs[0]))
fs2 = []
for j in range(3):
    fs2.append(lambda: j)
j = 99
print(fs2[0](), fs2[2]())
