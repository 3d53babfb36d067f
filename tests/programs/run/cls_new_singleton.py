import sys
class Singleton:
    _instance = None
    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance
a = Singleton()
b = Singleton()
print(a is b, sys.getrefcount(a), sys.getsizeof(a))
class Counted:
    created = 0
    def __new__(cls, *args):
        Counted.created += 1
        return super().__new__(cls)
    def __init__(self, start=0):
        self.value = start
c1 = Counted()
c2 = Counted(5)
print(Counted.created, c1.value, c2.value, sys.getrefcount(c2))
class Config:
    _shared = None
    def __new__(cls, name):
        if cls._shared is None:
            cls._shared = super().__new__(cls)
        return cls._shared
    def __init__(self, name):
        self.name = name
x = Config('first')
y = Config('second')
print(x is y, x.name, y.name)
class Odd:
    def __new__(cls, n):
        if n < 0:
            return None
        return super().__new__(cls)
print(Odd(-1), type(Odd(3)).__name__)
