# Recursion deeper than the model's 900 calls (or than the JavaScript stack allows) is
# refused with one line, never a crash (CPython's own limit is 1,000 frames).
def depth(n):
    if n == 0:
        return 0
    return 1 + depth(n - 1)


print(depth(100))
print(depth(950))
