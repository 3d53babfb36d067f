def area(width, height):
    return width * height
print(area(height=2, width=3))
area(2, depth=3)
