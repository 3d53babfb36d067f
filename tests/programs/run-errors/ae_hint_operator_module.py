import operator
print(operator.add(1, 2))
f = operator.mull
