import sys
import gc
class LinkedList:
    """A singly linked list."""
    class Node:
        __slots__ = ('value', 'next')
        def __init__(self, value, next=None):
            self.value = value
            self.next = next
    def __init__(self):
        self.head = None
        self.size = 0
    def push(self, value):
        self.head = self.Node(value, self.head)
        self.size += 1
    def values(self):
        out = []
        node = self.head
        while node:
            out.append(node.value)
            node = node.next
        return out
ll = LinkedList()
for i in range(5):
    ll.push(i * 10)
print(ll.values(), ll.size, sys.getsizeof(ll.head))
print(LinkedList.Node, type(ll.head), LinkedList.Node.__name__)
print(LinkedList.push.__qualname__, LinkedList.Node.__init__.__qualname__)
n = LinkedList.Node(99)
print(n.value, n.next, sys.getrefcount(n))
class Config:
    class Defaults:
        level = 3
        name = 'base'
    class Limits:
        high = 100
print(Config.Defaults.level, Config.Limits.high, Config.Defaults)
del ll, n
print(gc.collect())
del LinkedList, Config
print(gc.collect())
