import sys
attempts = 0
data = [1, 2, 3]
while True:
    try:
        attempts += 1
        value = data[attempts + 1]
    except IndexError:
        data.append(attempts * 10)
        continue
    else:
        break
    finally:
        print("attempt", attempts, len(data))
print(value, attempts, sys.getrefcount(data))
