import sys
def outer():
    data = [1, 2, 3]
    print(sys.getrefcount(data))
    def reader():
        return len(data)
    print(sys.getrefcount(data))
    def writer(x):
        data.append(x)
    writer(4)
    print(reader(), sys.getrefcount(data), sys.getsizeof(data))
    return reader, writer
r, w = outer()
w(5)
print(r())
del w
print(r())
