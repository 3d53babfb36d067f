import sys
def echo():
    received = yield 'ready'
    while True:
        received = yield received
e = echo()
print(e.send(None))
x = [1, 2, 3]
y = e.send(x)
print(y is x, sys.getrefcount(x))
z = e.send('text')
print(z, sys.getrefcount(x))
