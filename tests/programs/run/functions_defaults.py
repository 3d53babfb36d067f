import sys
def add(item, bucket=[]):
    bucket.append(item)
    return len(bucket)
print(add(1), add(2), add(3))
def scale(x, factor=2, offset=0.5):
    return x * factor + offset
print(scale(3), scale(3, 10), scale(3, 10, 1))
def nothing():
    pass
print(nothing())
def early(n):
    if n > 2:
        return 'big'
    return 'small'
print(early(1), early(5))
