import sys
def gen(x):
    yield x
gens = []
for i in range(5):
    gens.append(gen(i))
print(sys.getsizeof(gens), sys.getsizeof(gens[0]))
ids = []
for g in gens:
    ids.append(id(g))
print(len(ids), ids[0] != ids[1])
total = 0
for g in gens:
    total += next(g)
print(total)
