import sys
log = []
def tracked(n):
    global log
    for i in range(n):
        log.append(i)
        yield i
g = tracked(3)
print(next(g), len(log), sys.getsizeof(log))
print(next(g), len(log), sys.getsizeof(log))
print(list(g), log, sys.getsizeof(log))
