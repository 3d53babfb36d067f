import copy
import sys
shared = [0]
xs = [shared, shared, (shared, 1), ('a', 1)]
ys = copy.deepcopy(xs)
print(ys[0] is ys[1], ys[0] is shared, ys[2][0] is ys[0], ys[3] is xs[3])
print(sys.getrefcount(ys[0]), sys.getrefcount(shared))
loop = [1]
loop.append(loop)
copy_loop = copy.deepcopy(loop)
print(copy_loop[1] is copy_loop, copy_loop is loop, sys.getsizeof(copy_loop))
