import sys
xs = [1, 2, 3]
print(len(xs))
print(sys.getallocatedblocks() > 0)
