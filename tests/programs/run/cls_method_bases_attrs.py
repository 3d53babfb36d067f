# Attributes of bound methods (method_getattro: __func__, __self__, else the function's)
# and of classes (tp_bases as __bases__, tp_base as __base__); a method's docstring.
# (math is imported so that __doc__ can be read: see function-attributes.ts.)
import math
import sys


class Animal:
    def __init__(self, name):
        self.name = name

    def speak(self):
        "Says something."
        return f"{self.name} speaks"

    @classmethod
    def create(cls, name):
        return cls(name)


class Dog(Animal):
    def speak(self):
        return super().speak() + "!"


class Puppy(Dog):
    pass


d = Dog("rex")
m = d.speak
print(m.__name__, m.__qualname__, m.__self__ is d, m.__func__ is Dog.speak)
print(Animal.create.__name__, Dog.create.__self__ is Dog, Animal.speak.__doc__)
print(Dog.__bases__, Puppy.__base__, Animal.__bases__, Animal.__base__)
print(Puppy.__bases__[0] is Dog, len(Dog.__mro__), sys.getrefcount(d))
del m
print(sys.getrefcount(d))
