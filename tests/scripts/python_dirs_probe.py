# What an AttributeError's "Did you mean" hint chooses from when the object is a
# builtin value: dir() of one instance of each type, printed as JSON.
import json


def f():
    pass


samples = {
    "object": object(),
    "NoneType": None,
    "bool": True,
    "int": 1,
    "float": 1.5,
    "complex": 1j,
    "str": "s",
    "bytes": b"b",
    "tuple": (),
    "list": [],
    "dict": {},
    "set": set(),
    "frozenset": frozenset(),
    "range": range(1),
    "function": f,
    "builtin_function_or_method": len,
}
dirs = {name: dir(value) for name, value in samples.items()}
print(json.dumps(dirs))
