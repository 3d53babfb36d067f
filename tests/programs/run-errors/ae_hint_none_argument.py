# None passed where a list was meant: NoneType has no append, and no near name.
def add(items, x):
    items.append(x)


add(None, 1)
