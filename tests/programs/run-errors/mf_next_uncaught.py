class Once:
    def __init__(self):
        self.done = False
    def __iter__(self):
        return self
    def __next__(self):
        if self.done:
            raise StopIteration('finished')
        self.done = True
        return 1
o = Once()
print(next(o))
print(next(o))
