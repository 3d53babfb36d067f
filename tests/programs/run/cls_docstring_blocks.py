k = 3
p1 = k * 1000
p2 = k * 2000
first = id(p1)
del p1
del p2
class T:
    """Docstring, 25 characters"""
n = k * 3000
print(id(n) == first)
