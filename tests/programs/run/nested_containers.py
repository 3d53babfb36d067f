import sys
matrix = [[0, 0, 0], [0, 0, 0]]
matrix[1][2] = 5
print(matrix, sys.getsizeof(matrix), sys.getsizeof(matrix[0]))
record = {'name': 'Ada', 'tags': ['x', 'y'], 'pos': (1, 2)}
print(record, sys.getsizeof(record))
record['tags'].append('z')
print(record['tags'], sys.getsizeof(record['tags']))
deep = [[[1]]]
print(deep[0][0][0], deep)
