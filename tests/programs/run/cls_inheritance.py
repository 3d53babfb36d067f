import sys
class Animal:
    kind = "animal"
    def __init__(self, name):
        self.name = name
    def speak(self):
        return self.name + " makes a sound"
    def describe(self):
        return self.kind + ":" + self.speak()
class Dog(Animal):
    kind = "dog"
    def speak(self):
        return self.name + " barks"
print(sys.getrefcount(Animal), sys.getrefcount(Dog))
d = Dog("rex")
a = Animal("cat")
print(d.describe())
print(a.describe())
print(isinstance(d, Animal), isinstance(a, Dog), isinstance(d, Dog))
print(sys.getsizeof(d), sys.getsizeof(d.__dict__))
print(sys.getrefcount(Animal), sys.getrefcount(Dog))
