try:
    raise ValueError("z")
finally:
    print("finally")
