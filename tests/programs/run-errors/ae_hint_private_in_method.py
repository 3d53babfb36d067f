# The same typo inside a method of the object itself: 3.13 keeps '_balance' (the
# frame's self is the object); caught outside the class first (3.13 hides it there,
# which shows only when printed uncaught).
class Account:
    def __init__(self):
        self._balance = 10

    def show(self):
        return self.balance


a = Account()
try:
    a.balance
except AttributeError as e:
    print(type(e).__name__, e)
a.show()
