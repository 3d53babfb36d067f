s = 'one'
print('%s' % (s,))
print('%s' % (s, 'two'))
