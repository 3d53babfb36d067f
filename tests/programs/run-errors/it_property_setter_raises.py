class Account:
    def __init__(self):
        self._balance = 0
    @property
    def balance(self):
        return self._balance
    @balance.setter
    def balance(self, amount):
        if amount < 0:
            raise ValueError('negative balance')
        self._balance = amount
a = Account()
a.balance = 10
print(a.balance)
a.balance = -5
