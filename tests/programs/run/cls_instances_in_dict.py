import sys
class User:
    def __init__(self, name, age):
        self.name = name
        self.age = age
users = {}
for i in range(6):
    users[i] = User("u" + str(i * 11 + 100), i * 10)
print(sys.getsizeof(users), len(users))
u = users[3]
print(u.name, u.age, sys.getrefcount(u))
del users[3]
print(sys.getrefcount(u))
users.clear() if False else None
print(sys.getsizeof(u), sys.getsizeof(u.__dict__))
