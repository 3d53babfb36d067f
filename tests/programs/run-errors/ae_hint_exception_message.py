# Python 2's e.message: a builtin exception has no such attribute (its dir(): BaseException's
# names and its class's own); raised while handling, so the traceback chains.
try:
    int("x")
except ValueError as e:
    print(e.message)
