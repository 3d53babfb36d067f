import sys
import gc
class HttpError(Exception):
    def __init__(self, status, reason):
        self.status = status
        self.reason = reason
class NotFound(HttpError):
    pass
e = HttpError(500, "server")
print(sys.getsizeof(e), e.args, e.status, e.reason, repr(e), str(e))
n = NotFound(404, "missing")
print(sys.getsizeof(n), n.args, n.status, sys.getrefcount(n.args), sys.getrefcount(HttpError))
payload = {"k": [1, 2, 3]}
def fetch(p):
    raise NotFound(404, p)
try:
    fetch(payload)
except HttpError as err:
    print(err.status, err.reason is payload, sys.getrefcount(payload))
print(sys.getrefcount(payload))
gc.collect()
loop = HttpError(1, None)
loop.reason = loop
del loop
print(gc.collect())
n.status = 410
print(n.status, n.reason, sys.getrefcount(NotFound))
