# A name missing in a closure (3.13: its free variable is a candidate; refused there).
def outer():
    x = 1
    def inner():
        return x + y
    return inner()
outer()
