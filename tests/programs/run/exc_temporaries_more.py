import sys
lst = [1, 2]
d = {"a": lst}
def boom():
    return 1 / 0
n = 0
try:
    lst.index(lst, boom())
except ZeroDivisionError:
    n += 1
try:
    x = f"{len(lst) * 100}{boom()}"
except ZeroDivisionError:
    n += 1
try:
    x = {"p": lst, "q": boom()}
except ZeroDivisionError:
    n += 1
try:
    a, b = lst, boom()
except ZeroDivisionError:
    n += 1
try:
    d["a"] += boom()
except ZeroDivisionError:
    n += 1
try:
    del d[boom()]
except ZeroDivisionError:
    n += 1
try:
    x = lst[1:boom()]
except ZeroDivisionError:
    n += 1
try:
    x = lst < lst < boom()
except ZeroDivisionError:
    n += 1
try:
    x = y = [lst, boom()]
except ZeroDivisionError:
    n += 1
try:
    x = lst and boom()
except ZeroDivisionError:
    n += 1
try:
    x = (lst, [lst, (lst, boom())])
except ZeroDivisionError:
    n += 1
try:
    lst[boom()] = lst
except ZeroDivisionError:
    n += 1
try:
    x = abs(len(lst) + boom())
except ZeroDivisionError:
    n += 1
print(n, sys.getrefcount(lst), sys.getrefcount(d), d)
