import sys
line = 'alpha beta  gamma\tdelta'
parts = line.split()
print(parts, len(parts), sys.getsizeof(parts))
one = 'word'
alone = one.split()
print(alone[0] is one, sys.getsizeof(alone))
print(''.split(), sys.getsizeof(''.split()), '   '.split())
csv = 'a,bb,,c'
cells = csv.split(',')
print(cells, sys.getsizeof(cells), cells[2] is '')
many = 'x y z w v u t s r q p o n m'.split()
print(len(many), sys.getsizeof(many))
twelve = 'a b c d e f g h i j k l'.split()
print(len(twelve), sys.getsizeof(twelve))
print('no-comma'.split(',')[0] == 'no-comma', ' padded '.split())
short = 'ab'
print(short.split('abc')[0] is short, sys.getsizeof(short.split('abc')), sys.getsizeof('abcdef'.split('ab')))
for text in ['', 'a', 'ab', 'abc', 'abcd abcd', 'a b c d e']:
    print(repr(text), sys.getsizeof(text.split()), sys.getsizeof(text.split(',')))
