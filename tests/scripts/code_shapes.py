"""Prints (JSON) the code shapes of a program file: [co_nlocals, cells, frees,
co_stacksize, co_flags] of its module code (3.12+ counts inlined comprehensions'
variables as module locals) and of each function defined at its top level — what
pymem's model of frames needs to size them."""
import json
import sys
import types

with open(sys.argv[1]) as source:
    module = compile(source.read(), sys.argv[1], 'exec')


def shape(code):
    return [code.co_nlocals, len(code.co_cellvars), len(code.co_freevars),
            code.co_stacksize, code.co_flags]


functions = {const.co_name: shape(const) for const in module.co_consts
             if isinstance(const, types.CodeType)}
print(json.dumps({'module': shape(module), 'functions': functions}))
