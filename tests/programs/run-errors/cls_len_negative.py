class Weird:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
print(len(Weird(300)))
print(len(Weird(-300)))
