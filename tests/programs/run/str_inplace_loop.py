# s += c in a loop: CPython grows the str in place while nothing else holds it.
def build(text):
    s = str(len(text))
    a = id(s)
    moved = []
    for c in text:
        s += c
        moved.append(id(s) != a)
        a = id(s)
    return s, ''.join('m' if x else '.' for x in moved)

for i in range(3):
    print(*build('abcdefghijklmnopqrstuvwxyz'))
