class InsufficientFunds(Exception):
    def __init__(self, balance, amount):
        super().__init__(f"need {amount - balance} more")
        self.balance = balance
class Overdraft(InsufficientFunds):
    pass
def withdraw(balance, amount):
    if amount > balance:
        raise Overdraft(balance, amount)
    return balance - amount
print(withdraw(10, 3))
withdraw(3, 4)
