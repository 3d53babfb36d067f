# A standard module used without its import: 3.12+ ask whether it was forgotten.
print(sys.version)
