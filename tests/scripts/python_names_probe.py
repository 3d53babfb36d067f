# What a NameError's "Did you mean" hint chooses from, printed as JSON: the builtins
# module's names in its dict's order, and sys.stdlib_module_names sorted (3.10+).
import json
import sys

names = list(__builtins__.__dict__)
stdlib = sorted(getattr(sys, "stdlib_module_names", ()))
print(json.dumps({"builtins": names, "stdlib": stdlib}))
