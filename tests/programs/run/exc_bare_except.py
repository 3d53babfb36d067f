import sys
try:
    [1, 2][5]
except:
    print("bare")
try:
    raise NotImplementedError
except BaseException as e:
    print(repr(e), e.args, sys.getsizeof(e))
try:
    raise RecursionError("deep")
except RuntimeError as e:
    print(type(e).__name__, e)
