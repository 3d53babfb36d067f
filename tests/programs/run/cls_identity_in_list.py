# Instances without __eq__ compare by identity inside containers: a visited list, a
# queue of nodes, index and remove find the very object.
import sys


class Node:
    def __init__(self, name):
        self.name = name
        self.edges = []


nodes = [Node(n) for n in ['a', 'b', 'c', 'd', 'e']]
for i, n in enumerate(nodes):
    n.edges.append(nodes[(i + 1) % len(nodes)])
    n.edges.append(nodes[(i + 2) % len(nodes)])
visited = []
queue = [nodes[0]]
while queue:
    node = queue.pop(0)
    if node in visited:
        continue
    visited.append(node)
    for nxt in node.edges:
        if nxt not in visited:
            queue.append(nxt)
print([n.name for n in visited])
print(visited.index(nodes[3]), visited.count(nodes[1]), Node('a') in visited)
visited.remove(nodes[2])
print([n.name for n in visited], (nodes[0], 1) == (nodes[0], 1), [nodes[0]] == [Node('a')])
print(sys.getrefcount(nodes[0]), len(visited))
