def echo():
    x = yield 1
    yield x
e = echo()
e.send(5)
