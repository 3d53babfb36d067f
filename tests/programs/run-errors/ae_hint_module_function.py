# A misspelt function of a library module: its AttributeError once the import ran,
# the hint from dir(math) (3.10+), the carets under math.sqroot (3.11+).
import math

print(math.sqrt(16))
x = math.sqroot(4)
