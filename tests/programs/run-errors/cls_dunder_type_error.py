class Label:
    def __init__(self, text):
        self.text = text
    def __add__(self, other):
        return Label(self.text + other)
a = Label("ab")
b = a + "cd"
print(b.text)
c = a + 10
