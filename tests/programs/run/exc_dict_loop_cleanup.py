import sys
table = {"a": 1, "b": 0, "c": 2}
results = []
for key in table:
    try:
        results.append(10 // table[key])
    except ZeroDivisionError as e:
        results.append(str(e))
print(results, sys.getrefcount(table))
def first_bad(d):
    for k in d:
        if d[k] == 0:
            raise KeyError(k)
    return None
try:
    first_bad(table)
except KeyError as e:
    print(repr(e), sys.getrefcount(table))
print(sys.getrefcount(table))
