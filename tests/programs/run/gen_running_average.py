import sys
def averager():
    total = 0.0
    count = 0
    average = None
    while True:
        value = yield average
        total += value
        count += 1
        average = total / count
avg = averager()
next(avg)
print(avg.send(10))
print(avg.send(20.5))
r = avg.send(3)
print(r, sys.getsizeof(r), sys.getrefcount(r))
