# An uncaught NameError at module level: 3.10+ suggest the nearest module name.
count = 1
print(cont)
