import gc
gc.collect()
n = 4
lst = [n, 'a']
t = (n, n)
print('tuple(list)', gc.is_tracked(tuple(lst)), gc.is_tracked(tuple([lst])))
print('concat', gc.is_tracked(t + t))
print('repeat', gc.is_tracked(t * 2))
print('slice', gc.is_tracked((n, n, n)[0:2]))
print('divmod', gc.is_tracked(divmod(7, n)))
print(gc.collect())
