import sys
class Link:
    def __init__(self, value, next):
        self.value = value
        self.next = next
head = None
for i in range(30):
    head = Link(i, head)
n = 0
node = head
while node is not None:
    n = n + node.value
    node = node.next
print(n)
print(sys.getrefcount(head), sys.getrefcount(head.next))
second = head.next
del head
print(sys.getrefcount(second))
third = second.next
del second
print(sys.getrefcount(third), third.value)
