pairs = [(1, 'b'), (0, 'x'), (1, 'a'), (0, 'y')]
pairs.sort()
print(pairs)
pairs.sort(reverse=True)
print(pairs)
xs = [2, 1, 2, 1]
xs.sort(reverse=False)
print(xs)
