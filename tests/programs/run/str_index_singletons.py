s = 'hello'
c = s[0]
print(c, c is 'h')
d = s[1:2]
print(d is 'e')
e = s[-1]
print(e)
print(s[1:4], s[::2], s[::-1], s[:] is s)
