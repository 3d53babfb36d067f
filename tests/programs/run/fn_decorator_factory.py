import sys
def repeat(times):
    def decorate(func):
        def run(x):
            results = []
            for _ in range(times):
                results.append(func(x))
            return results
        return run
    return decorate
@repeat(3)
def square(x):
    return x * x
r = square(4)
print(r, sys.getsizeof(r))
def tag(label):
    def decorate(func):
        def run(x):
            return label + ':' + func(x)
        return run
    return decorate
@tag('outer')
@tag('inner')
def name(x):
    return x
print(name('v'))
