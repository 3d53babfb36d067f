# A private attribute's near name inside a generator (3.13 looks at the generator's
# frame for self: not modelled there, refused on 3.13).
class Account:
    def __init__(self):
        self._balance = 10


def balances(accounts):
    for a in accounts:
        yield a.balance


print(list(balances([Account()])))
