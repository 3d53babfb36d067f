import sys
xs = [[i] for i in range(20)]
r = sys._debugmallocstats()
print(r)
print(len(xs), sys.getsizeof(xs[0]))
