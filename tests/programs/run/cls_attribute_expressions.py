# Class attributes made by expressions: one object the class holds, shared by every
# instance until an instance binds its own (the mutable class attribute lesson).
import gc
import sys


class Dog:
    tricks = []
    registry = {}
    sizes = tuple(range(3))
    label = 'dog'.upper()

    def __init__(self, name):
        self.name = name

    def add_trick(self, trick):
        self.tricks.append(trick)


a = Dog('a')
b = Dog('b')
a.add_trick('roll')
b.add_trick('sit')
print(Dog.tricks, a.tricks is b.tricks, sys.getrefcount(Dog.tricks))
print(Dog.sizes, Dog.label, sys.getsizeof(Dog.registry))
b.tricks = []
print(a.tricks, b.tricks, Dog.tricks is a.tricks)
Dog.registry['x'] = 1
print(a.registry, gc.is_tracked(Dog.tricks))
del a, b
gc.collect()
del Dog
print(gc.collect())
