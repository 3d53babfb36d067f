# A function's keyword-only defaults stay its own when it also has a __dict__ (function
# attributes), annotations or both: a call reads __kwdefaults__, not any dict it holds.
def f(a, *, b=2):
    return a + b


f.calls = 0
print(f(1), f(1, b=5))
f.calls += 1
print(f.__annotations__, f(3), f.calls)


def g(a, b=10, *, c=3):
    return a + b + c


g.tag = 'x'
print(g(1), g(1, 2), g(1, c=0), g.__annotations__, g.tag)
