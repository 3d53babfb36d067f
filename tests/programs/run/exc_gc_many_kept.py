import gc
gc.collect()
def fail_and_keep(n):
    box = [n]
    try:
        box[n]
    except IndexError as e:
        box.append(e)
    return len(box)
total = 0
for i in range(5):
    total += fail_and_keep(i + 1)
print(total)
print(gc.collect())
print(gc.collect())
