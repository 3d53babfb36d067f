import sys
def count_down(n):
    steps = []
    def go(k):
        if k == 0:
            return
        steps.append(k)
        go(k - 1)
    go(n)
    return steps
print(count_down(5))
s = count_down(3)
print(sys.getrefcount(s), sys.getsizeof(s))
