import sys
s = 'abcdefgh'
print(f"{s:.3}", f"{s:10.3}|", f"{s:>10.5}", f"{s:^10.2}|", f"{s:.20}")
p = f"{s:.4}"
print(p, sys.getsizeof(p), p is s)
q = f"{s:.8}"
print(q is s)
