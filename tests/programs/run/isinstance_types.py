print(isinstance(1, int), isinstance(True, int), isinstance(1.0, int), isinstance(1.0, float))
print(isinstance('s', str), isinstance([], list), isinstance((), tuple), isinstance({}, dict))
print(isinstance(set(), set), isinstance(1, (str, int)), isinstance(None, (int, str)))
print(type(1).__name__, type(1.0).__name__, type('').__name__, type(None).__name__, type(True).__name__)
print(type([]).__name__, type(()).__name__, type({}).__name__, type(set()).__name__, type(range(3)).__name__)
def f():
    return 1
print(type(f).__name__)
