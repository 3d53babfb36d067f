import gc
class Node:
    def __init__(self):
        self.me = self
def probe():
    n = Node()
    try:
        n.missing
    except AttributeError as e:
        return e
gc.collect()
err = probe()
print(type(err).__name__, str(err))
del err
print(gc.collect())
def probe2():
    try:
        Node().missing
    except AttributeError as e:
        return e
kept = probe2()
print(gc.collect())
del kept
print(gc.collect())
