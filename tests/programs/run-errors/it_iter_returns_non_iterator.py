class Shelf:
    def __init__(self):
        self.books = ['a', 'b']
    def __iter__(self):
        return self.books
print(len(Shelf().books))
for book in Shelf():
    print(book)
