values = [4, 2, 0]
total = sum(12 // v for v in values)
print(total)
