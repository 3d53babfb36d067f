d = {'name': 'ab'}
print('%(name)s' % d)
s = 'value: %(nme)s' % d
