kept = None
def first():
    return [1][2]
try:
    first()
except IndexError as e:
    kept = e
print("later")
raise kept
