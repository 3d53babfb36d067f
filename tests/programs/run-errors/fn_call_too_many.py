add = lambda x, y=1: x + y
print(add(1), add(1, 2))
add(1, 2, 3)
