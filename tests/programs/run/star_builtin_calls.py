# zip(*rows), max(*xs), min(*xs), map(f, *lists): CALL_FUNCTION_EX hands the builtin the
# caller's tuple; unpacking a zip steps it once per name and once more to find it done.
import sys

matrix = [[1, 2, 3], [4, 5, 6]]
columns = list(zip(*matrix))
print(columns, sys.getsizeof(columns), sys.getsizeof(columns[0]))
xs = [5, 3, 9]
print(max(*xs), min(*xs), max(4, *xs))
print(list(map(lambda a, b: a * b, *[[1, 2], [3, 4]])))
pairs = [(1, 'a'), (2, 'b'), (3, 'c')]
nums, letters = zip(*pairs)
print(nums, letters, sys.getrefcount(nums))
first, second = enumerate('xy')
print(first, second)
a, b, c = reversed(xs)
print(a, b, c, sys.getrefcount(xs))
row = matrix[0]
p, q, r = iter(row)
print(p + q + r, sys.getrefcount(row))
k, v = ('key', 'value')
print(k, v)
