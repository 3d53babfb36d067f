# A from-imported class's object raising: the traceback shows the program's lines.
from collections import deque

def drain(d):
    while True:
        d.pop()

drain(deque([1, 2]))
