"""Overfills the free lists, then prints the free-list lines of sys._debugmallocstats.

Floats, lists, dicts with one str key, and tuples of every length 1 … 20 are made and
dropped in numbers beyond every free list's capacity, so each list ends full. The stats
go to the C-level stderr; run as a script, fd 2 is redirected to a file to read them
back and the last stdout line is JSON {"lines": [...]}. Pyodide's runner calls fill()
and captures stderr itself.
"""
import gc
import json
import os
import sys
import tempfile


def fill():
    gc.disable()
    floats = [float(i) + 0.5 for i in range(300)]
    lists = [[i] for i in range(300)]
    dicts = [{'k%d' % i: i} for i in range(300)]
    tuples = [tuple(range(n)) for n in range(1, 21) for _ in range(2100)]
    del floats, lists, dicts, tuples


def stats_lines():
    """Fills the free lists and returns the stats lines, allocating as little as possible between."""
    with tempfile.TemporaryFile(mode='w+') as capture:
        saved = os.dup(2)
        os.dup2(capture.fileno(), 2)
        try:
            fill()
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        capture.seek(0)
        return [line.rstrip('\n') for line in capture if ' free ' in line]


if __name__ == '__main__':
    print(json.dumps({'lines': stats_lines()}))
