# A name with no near candidate: no hint.
x = 1
print(xyz123)
