import sys
def accumulator():
    total = []
    def add(x):
        nonlocal total
        total = total + [x]
        return sys.getsizeof(total)
    def get():
        return total
    return add, get
add, get = accumulator()
print(add(1), add(2), add(3))
t = get()
print(t, sys.getrefcount(t))
def swap_cells():
    a = 'first'
    b = 'second'
    def swap():
        nonlocal a, b
        a, b = b, a
    swap()
    return a, b
print(swap_cells())
