# list(), list.extend() and sorted() of a str: the str iterator's one-character strs (the latin-1 ones cached), presized by the length hint.
import sys
s = "hello"
chars = list(s)
print(chars, sys.getsizeof(chars))
chars.extend("xyz")
print(chars, sys.getsizeof(chars))
print(list("é€a"), sys.getsizeof(list("")), sys.getsizeof(list("a" * 20)))
print(sorted("banana"), sorted("zé"), "".join(sorted("cab")))
