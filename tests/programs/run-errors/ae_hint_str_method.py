# A misspelt method of a builtin value: the nearest of its type's names (3.10+), the
# carets under the lookup, not the call (3.11+).
s = "hello"
print(s.upper())
s.uper()
