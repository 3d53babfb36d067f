def make():
    def later():
        return total
    print(total)
    total = 0
    return later
make()
