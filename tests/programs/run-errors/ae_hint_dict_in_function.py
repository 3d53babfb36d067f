# Python 2's dict.iteritems, inside a function: the hint is the nearest of dict's names.
d = {"a": 1}


def show():
    return d.iteritems()


show()
