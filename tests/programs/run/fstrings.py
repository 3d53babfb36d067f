import sys
x = 12
name = 'Ada'
print(f"hello {name}!", f"{name}", f"{name}" is name, f"x={x} y={x * 2.5}", f"{name!r}")
s = f"{x}{x}"
print(s, sys.getsizeof(s), f"{{literal}}", f"" == "")
t = f"{name} is {x * 100} years"
print(t, len(t), sys.getsizeof(t))
