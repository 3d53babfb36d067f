class Box:
    def __init__(self, items):
        self.first = items[0]
b = Box([1])
print(b.first)
c = Box([])
