import sys
count = 0
payload = [0]
for i in range(200):
    try:
        if i % 3 == 0:
            raise ValueError(payload, i)
        payload[i]
    except ValueError as e:
        count += 1
    except IndexError:
        count += 100
print(count, sys.getrefcount(payload))
