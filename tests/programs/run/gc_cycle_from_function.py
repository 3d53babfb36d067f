import gc


def make_cycle():
    l = []
    l.append(l)


make_cycle()
print(gc.collect())
