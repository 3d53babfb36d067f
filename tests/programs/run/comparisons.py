l = [1, 2, 3]
print(2 in l, 4 in l, 4 not in l)
d = {'a': 1, 'b': 2}
print('a' in d, 'c' in d, 1 in d)
print('ell' in 'hello', 'xyz' in 'hello')
print(3 in range(5), 7 in range(0, 10, 2), 8 in range(0, 10, 2))
print(1 == 1.0, 1 < 2, 2 <= 2, 'a' < 'b', 'abc' < 'abd', [1, 2] < [1, 3], (1, 2) == (1, 2))
print(None is None, l is l, [1] == [1], [1] is [1])
x = 5
print(x > 3 and x < 10, x > 3 and x > 10, x < 3 or x == 5)
print(not x, not 0, not [], not [0])
