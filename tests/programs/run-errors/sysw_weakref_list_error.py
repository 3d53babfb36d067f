import weakref
xs = [1, 2, 3]
print(len(xs))
print(weakref.ref(xs))
