div = lambda a, b: a / b
print(div(6, 3))
print(div(1, 0))
