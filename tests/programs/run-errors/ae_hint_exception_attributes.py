# A program exception's attributes: its __dict__ (set by __init__), its classes', its
# builtin base's; a misspelt one caught, then one of a KeyError uncaught.
class AppError(Exception):
    def __init__(self, code):
        super().__init__(f"code {code}")
        self.code = code

try:
    raise AppError(3)
except AppError as e:
    print(e.code, e.args)
    try:
        e.cod
    except AttributeError as inner:
        print("inner:", inner)
try:
    {}["k"]
except KeyError as e:
    print(e.args)
    e.mesage
