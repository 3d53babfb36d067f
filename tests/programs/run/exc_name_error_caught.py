try:
    print(not_defined_anywhere)
except NameError as e:
    print("caught", e)
