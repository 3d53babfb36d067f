vals = []
try:
    a, b = [1, 2, 3]
except ValueError as e:
    vals.append(str(e))
try:
    lst = [1]
    lst[5] = 0
except IndexError as e:
    vals.append(str(e))
try:
    d = {}
    del d["gone"]
except KeyError as e:
    vals.append(repr(e))
print(vals)
