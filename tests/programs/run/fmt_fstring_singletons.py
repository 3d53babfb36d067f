import sys
x = 5
s = 'q'
t = 'abc'
print(f"{x:d}" is '5', f"{s:1}" is s, f"{t:s}" is t, f"{t:.3}" is t)
one = f"{x:d}"
print(sys.getsizeof(one), one == '5')
e = f"{'é':>3}"
print(e, sys.getsizeof(e))
w = f"{'€':_<4}"
print(w, sys.getsizeof(w))
