import sys

def counter(func):
    def wrapper(*args, **kwargs):
        wrapper.calls += 1
        return func(*args, **kwargs)
    wrapper.calls = 0
    return wrapper

@counter
def add(a, b):
    return a + b

add(1, 2)
add(3, 4)
print(add.calls, sys.getrefcount(add), add.__dict__)
print(sys.getsizeof(add.__dict__), len(add.__dict__))

def memo(n):
    if n in memo.cache:
        return memo.cache[n]
    r = n if n < 2 else memo(n - 1) + memo(n - 2)
    memo.cache[n] = r
    return r

memo.cache = {}
print(memo(40), len(memo.cache), sys.getsizeof(memo.cache))
memo.label = "fib"
memo.tags = ["a", "b"]
print(sorted(memo.__dict__), memo.label, sys.getrefcount(memo.tags))
print(hasattr(memo, "label"), getattr(memo, "missing", None))
setattr(memo, "level", 3)
print(getattr(memo, "level"), hasattr(memo, "nope"), memo.__name__)
print(vars(memo) is memo.__dict__ if False else len(memo.__dict__))
