# 3.8-3.10 grow a temporary str in place (str(i) + 'x'); later versions make a new one.
x0 = id(str(12345))
b = str(12345) + 'x'
print(id(b) == x0)
names = ['ada', 'grace', 'linus']
for name in names:
    first = id(str(name).upper())
    greeting = 'Hello, ' + name.upper() + '!'
    print(greeting, id(greeting) == first)
def label(i):
    return str(i) + ':' + 'item'
for i in range(3):
    print(label(i * 1000))
