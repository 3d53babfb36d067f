# What an AttributeError's "Did you mean" hint chooses from when the object is a
# builtin value or a library module: dir() of one instance of each type and of each
# module ("module.NAME", in a fresh interpreter that imports only it: importing
# tracemalloc, say, adds collections.abc to collections), printed as JSON.
import ast
import json
import subprocess
import sys

MODULES = ("collections", "copy", "functools", "itertools", "math", "operator", "random", "tracemalloc", "weakref")


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
# An instance of each builtin exception class that takes no arguments ("exception.NAME").
import builtins

for name, cls in vars(builtins).items():
    if isinstance(cls, type) and issubclass(cls, BaseException) and name == cls.__name__:
        try:
            dirs["exception." + name] = dir(cls())
        except TypeError:
            pass
for module in MODULES:
    program = f"import {module}\nprint(repr(dir({module})))"
    out = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    dirs["module." + module] = ast.literal_eval(out.stdout)
print(json.dumps(dirs))
