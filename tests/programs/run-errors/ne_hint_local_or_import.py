# A local near a standard module: both hints on 3.12+.
def f():
    mth = 1
    return math.pi
f()
