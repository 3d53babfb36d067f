import sys
ops = {'add': lambda a, b: a + b, 'mul': lambda a, b: a * b}
add = ops['add']
mul = ops['mul']
print(add(2, 3), mul(4, 5))
print(sys.getrefcount(add))
del ops
print(sys.getrefcount(add))
