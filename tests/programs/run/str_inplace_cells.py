# A cell variable (STORE_DEREF): 3.8-3.10 clear the cell; 3.11+ never specialise it.
def outer():
    s = str(10) + 'abc'
    def show():
        return s
    moved = 0
    for i in range(12):
        a = id(s)
        s += 'x'
        moved += id(s) != a
    return show(), moved

def counter():
    text = str(99) + '>'
    def add(c):
        nonlocal text
        a = id(text)
        text += c
        return id(text) == a
    return add, lambda: text

add, get = counter()
print([add(c) for c in 'abcdefghij'], get())
print(outer())
