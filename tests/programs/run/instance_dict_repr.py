# An instance's __dict__ printed, iterated and listed: on 3.11+ it is made from the
# object's values, its keys the class's shared names, in this instance's order.
class A:
    def __init__(self):
        self.a = 1
        self.b = 2
        self.c = 3


x = A()
print(x.__dict__)
d = x.__dict__
print(d, len(d), list(d), d['b'])
del x.b
print(x.__dict__)
for k, v in x.__dict__.items():
    print(k, v)
print(sorted(x.__dict__), list(x.__dict__.values()))
y = A()
y.d = [1, 2]
print(y.__dict__, 'a' in y.__dict__, 'zz' in y.__dict__)
del y
print(d)
