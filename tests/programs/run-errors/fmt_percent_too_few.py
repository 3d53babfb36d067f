x = 3
print('%d %d' % (x, 4))
print('%d and %d' % (x,))
