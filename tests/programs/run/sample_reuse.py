x = [1, 2, 3]
first = id(x)
del x
y = [4, 5, 6]
print(id(y) == first)
if id(y) == first:
    print("The freed list's memory went straight to the next list: same block, same id().")
else:
    print("The next list got a different block.")
