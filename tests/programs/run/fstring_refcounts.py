import sys
base = 'run'
name = base + 'time'
greeting = f"{name}"
print(greeting is name, sys.getrefcount(name))
label = f"{name}-{len(name) * 10}"
print(label, sys.getsizeof(label), sys.getrefcount(label))
rows = []
i = 10
while i < 15:
    rows.append(f"row {i}: {i * 1.5}")
    i += 1
print(rows, sys.getsizeof(rows))
