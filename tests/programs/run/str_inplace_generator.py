# In a generator the frame's locals grow in place too; 3.11 counts each resumption.
def letters(text):
    s = str(len(text))
    for c in text:
        a = id(s)
        s += c
        yield id(s) == a, s

print(''.join('T' if same else '.' for same, _ in letters('abcdefghijklmnop')))
g = letters('xyz')
print(next(g)[1], next(g)[1], next(g)[1])

def words(n):
    line = ''
    for i in range(n):
        line = line + str(i)
        if len(line) > 6:
            yield line
            line = ''
    yield line

print(list(words(20)))
