cases = 0
for i in range(6):
    try:
        if i == 0:
            x = 1 + "a"
        elif i == 1:
            x = (1, 2)[5]
        elif i == 2:
            x = len(5)
        elif i == 3:
            x = [].pop()
        elif i == 4:
            x = 2.0 / 0
        else:
            x = {}.pop("missing")
    except Exception as e:
        cases += 1
        print(i, type(e).__name__, e)
print(cases)
