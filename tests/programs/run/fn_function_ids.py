import sys
def make(n):
    cell_value = [n]
    def inner():
        return cell_value
    return inner
a = make(1)
first = id(a)
del a
b = make(2)
print(id(b) == first, b())
c = [x for x in range(3)]
def plain():
    return 0
p = id(plain)
del plain
d = [y * 2 for y in range(4)]
def again():
    return 1
print(id(again) == p, d)
