import sys
lst = [1, 2]
d = {"a": lst}
def boom():
    return 1 / 0
def ident(x):
    return x
forms = 0
try:
    x = lst + boom()
except ZeroDivisionError:
    forms += 1
try:
    x = lst == boom()
except ZeroDivisionError:
    forms += 1
try:
    x = (lst, lst, boom())
except ZeroDivisionError:
    forms += 1
try:
    x = [lst, boom()]
except ZeroDivisionError:
    forms += 1
try:
    x = {"k": lst, "j": boom()}
except ZeroDivisionError:
    forms += 1
try:
    x = ident(lst, boom())
except ZeroDivisionError:
    forms += 1
try:
    x = lst[boom()]
except ZeroDivisionError:
    forms += 1
try:
    d[boom()] = lst
except ZeroDivisionError:
    forms += 1
try:
    x = 0 < len(lst) < boom()
except ZeroDivisionError:
    forms += 1
try:
    print(lst, boom())
except ZeroDivisionError:
    forms += 1
try:
    x = {lst[0], boom()}
except ZeroDivisionError:
    forms += 1
try:
    x = lst if boom() else lst
except ZeroDivisionError:
    forms += 1
try:
    for item in lst:
        boom()
except ZeroDivisionError:
    forms += 1
try:
    lst.append(boom())
except ZeroDivisionError:
    forms += 1
try:
    x = -boom()
except ZeroDivisionError:
    forms += 1
try:
    x = ident(lst) + ident(boom())
except ZeroDivisionError:
    forms += 1
print(forms, sys.getrefcount(lst), sys.getrefcount(d))
