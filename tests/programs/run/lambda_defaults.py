scale = lambda x, k=10: x * k
print(scale(4))
print(scale(4, 3))
print(scale(x=5, k=2))
base = 7
offset = lambda x, b=base: x + b
base = 100
print(offset(1))
