import sys
def area(width, height=2, scale=1):
    return width * height * scale
print(area(3), area(3, scale=10), area(width=2, height=5), area(1, 2, 3), area(scale=2, width=4))
def holder(a, b=None):
    return sys.getrefcount(a)
x = [1]
print(holder(x), holder(b=0, a=x), holder(x, b=x))
