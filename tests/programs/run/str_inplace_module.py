# At module level 3.8-3.10 clear the name (STORE_NAME) and grow the str in place.
s = str(10) + 'abc'
a = id(s)
s += 'x'
print(id(s) == a)
a = id(s)
s = s + 'y'
print(id(s) == a)
t = s
a = id(s)
s += 'z'
print(id(s) == a, t)
out = ''
for w in ['spam', 'eggs', 'ham']:
    out += w
    out += ' '
print(repr(out))
def f():
    global out
    b = id(out)
    out += '!'
    return id(out) == b
print(f(), out)
