import sys
pick = lambda seq, i: seq[i]
items = [7, 8]
try:
    pick(items, 9)
except IndexError as e:
    print(e, sys.getrefcount(items))
print(sys.getrefcount(items))
