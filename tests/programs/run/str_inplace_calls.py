# The same function called again and again: 3.11 quickens it after 8 calls.
def add_bang(s):
    a = id(s)
    s += '!'
    return id(s) == a

print(''.join('T' if add_bang(str(i) + 'abcdef') else '.' for i in range(14)))

class Builder:
    def __init__(self):
        self.parts = ''

    def add(self, word):
        text = self.parts
        self.parts = ''
        a = id(text)
        text += word
        self.parts = text
        return id(text) == a

b = Builder()
print(''.join('T' if b.add(w) else '.' for w in 'the quick brown fox jumps over the lazy dog'.split()))
print(b.parts)
