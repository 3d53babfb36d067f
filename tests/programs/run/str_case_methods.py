import sys
words = "the quick brown fox".split()
print(" ".join(w.capitalize() for w in words))
title = "hello wide world".title()
print(title, sys.getsizeof(title), "Ab cD".swapcase(), "x".capitalize(), "".title() == "")
s = "already Capitalized"
c = s.capitalize()
print(c, c is s, c == s, sys.getsizeof(c))
print("it's a DOG's life".title(), "mIxEd 123 CaSe".swapcase())
parts = [p.title() for p in ["ab", "cd", "ef"]]
print(parts, sys.getsizeof(parts))
print(" \t\n".isspace(), "\x1c".isspace(), "a b".isspace(), "".isspace(), "AB1".isupper(), "ab!".islower(), "1".isupper(), "x1".isalnum(), "12".isdigit(), "".isascii())
