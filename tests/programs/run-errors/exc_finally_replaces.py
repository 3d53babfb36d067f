try:
    [][0]
finally:
    x = 1 / 0
