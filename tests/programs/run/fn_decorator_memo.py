import sys
sizes = []
def memo(func):
    cache = {}
    def lookup(n):
        if n in cache:
            return cache[n]
        value = func(n)
        cache[n] = value
        sizes.append(sys.getsizeof(cache))
        return value
    return lookup
@memo
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)
print(fib(20))
print(sizes)
print(fib(30), len(sizes), sizes[-1])
