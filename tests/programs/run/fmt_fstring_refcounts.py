import sys
vals = [v * 1 for v in [1.25, 2.5, 3.75]]
out = []
for v in vals:
    out.append(f"{v:6.2f}")
print(out)
print(sys.getrefcount(vals[0]), sys.getrefcount(vals[2]))
name = ''.join(['py', 'mem'])
label = f"[{name:>8}]"
print(label, sys.getrefcount(name), sys.getsizeof(label))
del label
print(sys.getrefcount(name))
