import sys
import gc
class InsufficientFunds(Exception):
    def __init__(self, balance, amount):
        super().__init__("balance too low", amount)
        self.balance = balance
        self.amount = amount
class Overdraft(InsufficientFunds):
    pass
def withdraw(balance, amount):
    if amount > balance:
        raise Overdraft(balance, amount)
    return balance - amount
e = InsufficientFunds(10, 25)
print(sys.getsizeof(e), e.args, e.balance, e.amount, str(e), repr(e))
print(sys.getrefcount(e.args), sys.getrefcount(e))
try:
    withdraw(5, 7)
except InsufficientFunds as err:
    print(type(err).__name__, err.args, err.balance, err.amount, sys.getrefcount(err))
big = [1, 2]
e2 = InsufficientFunds(big, big)
print(sys.getrefcount(big))
del e2
print(sys.getrefcount(big))
gc.collect()
def keep():
    try:
        withdraw(1, 2)
    except Overdraft as x:
        saved = x
    return 1
print(keep(), gc.collect())
