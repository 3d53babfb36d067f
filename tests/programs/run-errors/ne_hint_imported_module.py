# A misspelt module name (bound by import).
import random
print(randm.random())
