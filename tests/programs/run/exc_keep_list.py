import sys
errors = []
for i in range(1, 4):
    try:
        [0][i]
    except IndexError as e:
        errors.append(e)
print(len(errors), str(errors[0]), repr(errors[2]))
print(sys.getsizeof(errors[0]), sys.getrefcount(errors[0]))
first = errors[0]
del errors
print(sys.getrefcount(first), first.args)
