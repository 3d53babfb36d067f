import sys
s = {3, 1, 2, 100, -5}
for x in s:
    print(x, end=' ')
print()
total = 0
for x in frozenset(range(5)):
    total += x
print(total)
for w in {'only'}:
    print(w)
it_size = [sys.getsizeof(s)]
for x in {10, 20}:
    print(sys.getrefcount(s) if False else x)
pairs = [(a, b) for a in {1, 2} for b in {3}]
print(pairs)
print(sum({1, 2, 3}), max({4, 9, 2}), min({4, 9, 2}), any({0, 3}), all({0, 3}))
print(sorted({1, 2} | {3}))
s2 = {1, 2, 3}
for x in s2:
    if x == 2:
        s2.discard(1)
        s2.add(1)
print(s2)
l1 = list({5, 6, 7})
l2 = list(set(range(20)))
print(l1, sys.getsizeof(l1), len(l2), sys.getsizeof(l2), list(set()), sys.getsizeof(list(set())))
print([x * 2 for x in {1, 2, 3}], {x % 3 for x in {1, 2, 3, 4}}, sorted(set(range(70))) == list(range(70)))
