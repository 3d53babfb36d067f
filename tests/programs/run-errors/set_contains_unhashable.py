seen = {1, 2, 3}
print(2 in seen)
print([2] in seen)
