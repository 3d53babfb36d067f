import sys
def f():
    value = [1, 2]
    def get():
        return len(value)
    n = get()
    other = value
    del value
    return n, sys.getrefcount(other)
print(f())
