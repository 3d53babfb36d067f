class Pair:
    def __iter__(self):
        return iter((1, 2))
it = iter(Pair())
print(next(it), next(it), next(it, 'end'))
print(next(it))
