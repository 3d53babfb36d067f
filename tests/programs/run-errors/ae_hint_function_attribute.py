# A function's attribute: its type's names and its own __dict__'s.
def greet(name):
    return "hi " + name


greet.calls = 0
print(greet.calls)
print(greet.cals)
