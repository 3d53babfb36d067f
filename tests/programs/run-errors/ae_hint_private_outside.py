# A name near a private attribute, outside the class: 3.10–3.12 suggest '_balance',
# 3.13 leaves underscored names out unless the frame's self is the object.
class Account:
    def __init__(self):
        self._balance = 10


a = Account()
print(a.balance)
