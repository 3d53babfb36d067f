import gc
gc.collect()
def keep():
    try:
        raise ValueError("x")
    except ValueError as e:
        saved = e
    return 1
print(keep())
print(gc.collect())
