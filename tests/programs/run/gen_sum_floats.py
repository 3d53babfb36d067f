# sum() of floats: a C double inside, compensated from 3.12.
prices = [1.25, 0.5, 2.0, 0.1, 0.2]
print(sum(prices), sum([0.1] * 10), sum([0.1, 0.2, 0.3]))
print(sum([1e100, 1.0, -1e100]), sum([1e16, 1.0, 1.0, -1e16]))
print(sum([1, 2.5, 3]), sum([2.5, 1, 2]), sum(x / 3 for x in range(10)))
items = [('apple', 1.25, 3), ('pear', 0.5, 10), ('fig', 2.0, 1)]
print(sum(p * q for _, p, q in items))
print(sum([float('inf'), 1.0]), sum([-0.0]), sum([0.5, -0.5]), sum([1e308, 1e308]))
print(sum([1e16, 1, 1, -1e16]), sum([0.1, 3, 0.2, 7, 0.3]))
print(sum(range(5)), sum([]), sum(i * 0.5 for i in range(7)))
flags = [True, False, True, True]
print(sum(flags), sum(x > 0 for x in [-1, 2, 3, -4, 5]))
big = [True] * 300
print(sum(big), sum([250, True, 10]), sum(b for b in big))
print(sum([0.5, True, 2]), sum(v for v in (1.5, 2, False)))
