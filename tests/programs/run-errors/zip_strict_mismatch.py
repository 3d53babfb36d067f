# An uncaught mismatch of a strict zip: its traceback (3.10+), or zip's TypeError for
# the keyword before 3.10.
rows = [1, 2, 3]
names = ['a', 'b']
print(list(zip(rows, names)))
print(list(zip(rows, names, strict=True)))
