# A misspelt builtin: the nearest of the builtins (3.11+ mark the name).
pritn("x")
