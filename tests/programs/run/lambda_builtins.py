size = lambda seq: len(seq)
name = lambda v: type(v).__name__
print(size([1, 2, 3]), size('hello'), name(3.5), name({}))
