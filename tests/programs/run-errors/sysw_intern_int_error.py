import sys
s = sys.intern('a b')
print(s)
sys.intern(42)
