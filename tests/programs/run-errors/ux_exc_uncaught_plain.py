class Stop(Exception):
    pass
def inner():
    raise Stop
def outer():
    inner()
print("start")
outer()
