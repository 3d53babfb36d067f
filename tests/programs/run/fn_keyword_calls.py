import sys
def area(width, height=1, depth=1):
    return width * height * depth
print(area(2, depth=3), area(height=4, width=5), area(1, 2, depth=3))
big = [1] * 5
def holder(a, b):
    return sys.getrefcount(b)
print(holder(b=big, a=1), sys.getrefcount(big))
def outer():
    inner_value = [7]
    def inner(scale=1, extra=0):
        return inner_value[0] * scale + extra
    return inner(extra=1, scale=3)
print(outer())
