import sys
vals = [float(t) for t in ['1.25', '2.5', '3.75']]
out = []
for v in vals:
    out.append(f"{v:6.2f}")
print(out)
print([sys.getrefcount(v) for v in vals])
name = ''.join(['py', 'mem'])
label = f"[{name:>8}]"
print(label, sys.getrefcount(name), sys.getsizeof(label))
del label
print(sys.getrefcount(name))
