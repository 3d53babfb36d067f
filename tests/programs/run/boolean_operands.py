a = []
b = [1]
print(a or b, a and b, b or a, b and a)
c = a or b
print(c is b)
d = 0 or None
print(d)
e = 'x' and 'y'
print(e)
print(1 if a else 2, 1 if b else 2)
