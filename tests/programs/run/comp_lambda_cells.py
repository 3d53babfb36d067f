# A comprehension variable captured by a lambda (late binding): a cell per evaluation
# of the comprehension (3.8–3.11: in the <listcomp> frame; 3.12+: a hidden cell of
# the enclosing frame, MAKE_CELL at its start and again at the comprehension).
import sys

late = [lambda x: x + i for i in range(3)]
print([f(10) for f in late])
print(late[0].__closure__[0].cell_contents, late[0].__closure__[0] is late[2].__closure__[0])
print(sys.getrefcount(late[0].__closure__[0]))


def make(n):
    return [lambda: n * k for k in range(n)]


print([f() for f in make(3)])
