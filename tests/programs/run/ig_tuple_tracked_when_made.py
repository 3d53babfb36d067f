import gc
gc.collect()
n = 3
s = 'x' * 3
lst = [1, 2]


def pair(v):
    return (v, v)


def pack(*args):
    return args


t = (n, n)
print('ints', gc.is_tracked(t))
print('strs', gc.is_tracked((s, s)))
print('none float', gc.is_tracked((None, n * 1.5)))
print('one', gc.is_tracked((n,)))
print('untracked tuple item', gc.is_tracked((t, n)))
print('list item', gc.is_tracked((lst, n)))
print('constant', gc.is_tracked((1, 2)), gc.is_tracked(((1, 2), 'a')))
print('returned', gc.is_tracked(pair(n)), gc.is_tracked(pair(lst)))
print('star args', gc.is_tracked(pack(n, s)), gc.is_tracked(pack(n, lst)))
print('empty', gc.is_tracked(()))
u = (t, lst)
lst.append(u)
del u
print(gc.collect())
print('after', gc.is_tracked(t), gc.is_tracked(lst[-1]))
