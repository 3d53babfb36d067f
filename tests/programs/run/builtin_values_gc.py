import gc
k = len
print(max(['a', 'bbb'], key=k), min([3, -5], key=abs))
held = [len, abs, k, [1]]
held[3].append(held)
del held
print(gc.collect())
def apply(fn, *args):
    return fn(*args)
print(apply(max, 1, 5), gc.collect())
