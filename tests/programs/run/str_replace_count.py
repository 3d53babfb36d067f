# str.replace with a count (all, some, none: the str itself), and old and new the same
# object or only equal (a new str then, when something was found).
text = "the cat and the hat and the bat"
print(text.replace("the", "a", 1))
print(text.replace("the", "a", 2))
print(text.replace("the", "a", 0) is text, text.replace("the", "a", -1))
print(text.replace("and", "or", 5), text.replace("zzz", "y", 1) is text)
w = "ab" * 3
same = w.replace("ab", "ab")
print(same == w, same is w)
o = "x"
print(w.replace(o, o) is w)
print(len(text.replace("at", "og", 2)))
made = "".join(["a", "b"])
other = w.replace("ab", made, 2)
print(other == w, other is w, w.replace("ab", made, 0) is w)
