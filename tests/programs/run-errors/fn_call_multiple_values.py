def scale(value, factor=2):
    return value * factor
print(scale(3), scale(3, factor=4))
scale(3, value=4)
