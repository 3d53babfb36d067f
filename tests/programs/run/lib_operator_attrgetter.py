from operator import attrgetter
import sys
class Person:
    def __init__(self, name, age):
        self.name = name
        self.age = age
    def __repr__(self):
        return f'Person({self.name!r}, {self.age})'
people = [Person('Ann', 31), Person('Bob', 25), Person('Cid', 40)]
by_age = attrgetter('age')
print(by_age, by_age(people[0]))
print(sorted(people, key=by_age))
print(max(people, key=attrgetter('age')).name)
both = attrgetter('name', 'age')
print(both(people[1]), sys.getsizeof(by_age), sys.getsizeof(both))
print(list(map(attrgetter('name'), people)))
try:
    attrgetter('height')(people[0])
except AttributeError as e:
    print('AttributeError', e)
