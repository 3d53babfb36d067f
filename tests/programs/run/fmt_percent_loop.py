import sys
rows = []
for i in range(5):
    rows.append('%3d: %-6s|%6.2f' % (i, 'x' * i, i / 3))
for r in rows:
    print(r)
print([sys.getsizeof(r) for r in rows])
print(sys.getrefcount(rows[0]))
