import sys
e0 = ValueError()
e1 = ValueError("one")
e2 = KeyError("a", 2)
print(sys.getsizeof(e0), sys.getsizeof(e1), sys.getsizeof(e2))
print(sys.getsizeof(e0.args), sys.getsizeof(e1.args), sys.getsizeof(e2.args))
print(e0.args is (), repr(e0), repr(e1), repr(e2))
print(str(e0) == "", str(e1), str(e2))
print(sys.getrefcount(e1), sys.getrefcount(e1.args))
