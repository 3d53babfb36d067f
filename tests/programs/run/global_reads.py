LIMIT = 3
names = ['a', 'b']
def within(n):
    return n < LIMIT
def count():
    return len(names)
print(within(2), within(5), count())
names.append('c')
print(count())
