n = 14
l = [3, 1, 2]
g = None
def mk():
    global g
    g = "ab" * n
    return False
t = "cd" * n
a = id(t)
del t
l.sort(reverse=mk())
print(l, id(g) == a)
