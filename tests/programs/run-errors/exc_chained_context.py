try:
    1 / 0
except ZeroDivisionError:
    d = {}
    d["missing"]
