"""The 'line' events sys.settrace reports for a program's own code, in order.

Usage: python line_trace.py PROGRAM.py  (from the program's directory)
Runs PROGRAM.py as __main__ with its output swallowed, and prints the executed line
numbers on one line, separated by spaces. An exception that ends the program ends
the list too (the lines up to it are kept).
"""
import contextlib
import io
import sys

path = sys.argv[1]
with open(path) as source:
    code = compile(source.read(), path, "exec")
lines = []


def trace(frame, event, arg):
    if frame.f_code.co_filename != path:
        return None
    if event == "line":
        lines.append(frame.f_lineno)
    return trace


sys.argv = [path]
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    sys.settrace(trace)
    try:
        exec(code, {"__name__": "__main__", "__file__": path})
    except BaseException:
        pass
    finally:
        sys.settrace(None)
print(" ".join(map(str, lines)))
