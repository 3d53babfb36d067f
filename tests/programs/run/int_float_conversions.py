x = 12345
print(int(x) is x, int(' 42 '), int('-17'), int(3.99), int(-3.99), int(True))
print(float(3), float(x), float(2.5))
y = 2.5
print(float(y) is y)
print(str(x), str(3.25), str(-7), str('s'), repr('a\'b'), repr("q\"x'"), repr('t\n'))
print(abs(-5), abs(5.5), abs(-2.25), bool(0), bool(3), bool(''), bool('x'))
