for i in range(5):
    try:
        if i == 1:
            continue
        if i == 3:
            break
        print("body", i)
    finally:
        print("finally", i)
n = 0
while True:
    try:
        n += 1
        if n > 2:
            break
    finally:
        print("while finally", n)
for i in range(3):
    try:
        1 / 0
    except ZeroDivisionError:
        if i == 1:
            continue
        print("handled", i)
    finally:
        print("fin", i)
