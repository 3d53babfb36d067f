def adder(n):
    def add(x):
        return x + n
    return add
print(adder(1)(2))
adder('s')(3)
