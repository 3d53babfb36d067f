try:
    1 / 0
except ZeroDivisionError:
    pass
a = [1]
print(id(a) > 0)
