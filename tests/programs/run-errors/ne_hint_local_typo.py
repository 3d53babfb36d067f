# A misspelt local in a function: the frame's own names are tried first.
def f(value):
    total = 0
    return totl + valeu
f(1)
