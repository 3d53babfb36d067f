# A deleted module name is no candidate.
data = {"a": 1}
del data
print(dat)
