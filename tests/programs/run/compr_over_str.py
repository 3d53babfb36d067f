# Comprehensions and generator expressions over a str: GET_ITER makes a str iterator
# (3.12+: str_ascii_iterator for an ASCII str), each step a one-character str (the
# latin-1 singletons; others made).
import sys

word = 'hello'
chars = [c for c in word]
print(chars, sys.getsizeof(chars))
print({c: word.count(c) for c in word})
print(sorted({c for c in 'mississippi'}))
up = [c.upper() for c in 'abc' if c != 'b']
print(up, [c == 'h' for c in 'h'])
print([ord(c) for c in 'é€x'], [c for c in ''])
nested = [a + b for a in 'ab' for b in 'xy']
print(nested, sys.getsizeof(nested))
print(list(c for c in 'xyz'), sum(1 for c in 'banana' if c == 'a'))
codes = {c: i for i, c in enumerate('abcdefghij')}
print(sys.getsizeof(codes), len(codes))
