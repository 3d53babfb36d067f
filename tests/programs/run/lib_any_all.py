print(any([]), all([]), any([0, 0.0, '']), all([1, 'x', [0]]))
print(any(range(0)), any(range(3)), all(range(3)), all(range(1, 3)))
print(any((None, [], (), 'a')), all(([1], (2,), {3: 4})))
