# Two module names equally near: the first in the dict wins.
import math
from collections import deque
valu = 1
value = 2
print(vale)
