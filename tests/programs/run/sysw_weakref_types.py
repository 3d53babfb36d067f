import weakref
for value in [[1, 2], {'a': 1}, 5, 'text', (1, 2), 2.5]:
    try:
        weakref.ref(value)
        print('ok')
    except TypeError as e:
        print(e)
s = {1, 2}
r = weakref.ref(s)
print(r() is s)
def f():
    return 1
rf = weakref.ref(f)
print(rf() is f)
