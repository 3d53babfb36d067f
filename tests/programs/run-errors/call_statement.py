def fail(n):
    return 10 // n
def outer(n):
    return fail(n)
outer(0)
