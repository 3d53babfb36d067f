import sys
class Resource:
    opened = 0
    def __init__(self, name):
        self.name = name
        self.buffer = None
    def __enter__(self):
        Resource.opened = Resource.opened + 1
        self.buffer = [0] * 100
        return self.buffer
    def __exit__(self, t, v, tb):
        Resource.opened = Resource.opened - 1
        self.buffer = None
        return None
r = Resource("r")
with r as buf:
    print(len(buf), sys.getsizeof(buf), sys.getrefcount(buf), Resource.opened)
print(sys.getrefcount(buf), r.buffer, Resource.opened)
del buf
for i in range(3):
    with Resource("loop") as b:
        if i == 1:
            break
        print(i, Resource.opened)
print(i, Resource.opened)
