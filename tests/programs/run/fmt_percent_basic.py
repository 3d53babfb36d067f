import sys
s = '%d %s %r %5.2f %x %%' % (42, 'hi', 'hi', 3.14159, 255)
print(s)
print(sys.getsizeof(s), sys.getrefcount(s))
print('%s' % 5, '%-6d|' % 7, '%05.1f' % -2.25, '%e' % 1234.5, '%g' % 0.00001234, '%10r' % 'a')
print('%d' % 3.7, '%i' % -8, '%u' % 9, '%X' % 255, '%#o' % 8, '%#x' % 255, '%+d' % 5, '% d' % 5)
print('%-5d|' % -3, '%05d' % -3, '%.3s' % 'abcdef', '%8.3e' % 0.000123, '%G' % 1e-10)
