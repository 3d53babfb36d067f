import sys
x = 2.675
f = x * 1
print(f"{f:.2f}", f"{0.5:.0f}", f"{2.5:.0f}", f"{1.5:.0f}", f"{0.125:.2f}")
print(f"{f:08.3f}", f"{-f:08.3f}", f"{f:+.1f}", f"{f: .4f}", f"{0.1:.20f}")
print(f"{1e22:f}", f"{1e22:,.1f}", f"{-0.0:.1f}", f"{3.14159:.2%}", f"{0.5:%}")
r = f"{f:10.4f}"
print(r, sys.getsizeof(r), sys.getrefcount(f))
