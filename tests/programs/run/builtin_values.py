import sys
def apply(fn, *args, **kwargs):
    return fn(*args, **kwargs)
print(apply(max, 3, 9, 4), apply(min, [5, 2, 8]), apply(len, 'hello'))
print(apply(sorted, [3, 1, 2]), apply(sum, [1, 2, 3]), apply(abs, -7))
f = max
print(f(3, 9, 4), f([1, 5]), f is max, f == max, f != min)
ops = [len, sum, max]
data = [4, 1, 7]
print([op(data) for op in ops])
table = {'largest': max, 'smallest': min, 'total': sum}
for name in sorted(table):
    print(name, table[name](data))
print(f, repr(len), str(abs), [len, abs])
key = len
print(sorted(['ccc', 'a', 'bb'], key=key), list(map(key, ['x', 'yy'])))
def compose(g, h):
    return lambda x: g(h(x))
neg_len = compose(abs, len)
print(neg_len([1, 2, 3]))
counts = [10, 20]
print(sys.getrefcount(counts), apply(len, counts), sys.getrefcount(counts))
def pick(which):
    return min if which == 'low' else max
print(pick('low')(4, 2, 6), pick('high')(4, 2, 6))
print(apply(divmod, 17, 5), apply(repr, 'q'), apply(hex, 255), apply(chr, 65), apply(ord, 'A'))
