import gc


class Node:
    pass


def build(n):
    nodes = [Node() for _ in range(n)]
    for a, b in zip(nodes, nodes[1:] + nodes[:1]):
        a.next = b


build(5)
print(gc.collect())
print(gc.collect())
