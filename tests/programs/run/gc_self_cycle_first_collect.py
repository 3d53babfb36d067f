import gc


class Node:
    pass


a = Node()
a.me = a
a = None
n = gc.collect()
print(n)
