# Keyword arguments to a program's methods: 3.8-3.10 make the bound method first
# (LOAD_ATTR + CALL_FUNCTION_KW), 3.11+ call the function with self on the stack.
import sys


class Account:
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance

    def deposit(self, amount, note=''):
        self.balance += amount
        return self.balance

    def tagged(self, *values, sep='-', **extra):
        return sep.join(values), sorted(extra), sys.getsizeof(extra)

    def keep(self, *, item):
        self.kept = item
        return len(item)


a = Account('ann', 10)
print(a.deposit(5), a.deposit(amount=7), a.deposit(1, note='x'))
print(a.tagged('a', 'b', sep='+', k=1))
print(a.tagged(sep=''))
items = [1, 2]
print(a.keep(item=items), sys.getrefcount(items))
del a
print(sys.getrefcount(items))
try:
    Account('bob').deposit(note='n')
except TypeError as e:
    print('TypeError', e)
