import gc
gc.disable()
def ring(n):
    first = [0]
    node = first
    for i in range(1, n):
        nxt = [i]
        node.append(nxt)
        node = nxt
    node.append(first)
ring(3)
ring(10)
print(gc.collect())
gc.enable()
