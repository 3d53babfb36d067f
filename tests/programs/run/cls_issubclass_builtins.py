# issubclass() of builtin types, builtin exception classes and the program's classes
# (its exception classes through their builtin base), a tuple of classes too.
class Animal:
    pass
class Dog(Animal):
    pass
class AppError(Exception):
    pass
class NotFound(AppError):
    pass
print(issubclass(ValueError, Exception), issubclass(KeyError, LookupError), issubclass(bool, int))
print(issubclass(int, bool), issubclass(Dog, Animal), issubclass(Dog, object), issubclass(Animal, Dog))
print(issubclass(AppError, Exception), issubclass(AppError, BaseException), issubclass(AppError, ValueError))
print(issubclass(NotFound, (KeyError, Exception)), issubclass(NotFound, AppError))
print(issubclass(Dog, (int, str)), issubclass(list, object), issubclass(Exception, object))
print(issubclass(ZeroDivisionError, ArithmeticError), issubclass(dict, (list, tuple)))
for cls in (Dog, Animal):
    print(cls.__name__, issubclass(cls, Animal))
