# An exception leaving a class body: its frame (a traceback entry "in B", the namespace
# the traceback keeps) is not modelled, so the run is refused rather than printing a
# traceback without it (as 3.8–3.10 did before).
class A:
    def __init__(self):
        self._size = 1


a = A()


class B:
    x = a.size
