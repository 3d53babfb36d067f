class NotFound(KeyError):
    pass
table = {"a": 1}
try:
    table["b"]
except KeyError as k:
    raise NotFound("b")
