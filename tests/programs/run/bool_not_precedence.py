# `not` binds tighter than and/or: `not a or b` is `(not a) or b` (the parser puts the whole and/or under the not; the compiler moves it to the leftmost operand).
seen = []
for s in ["a", "a", "b"]:
    if not seen or seen[-1] != s:
        seen.append(s)
print(seen)
a, b, c = 0, 1, 0
print(not a or b, not a and b or c, a or not b and c, not a == b and c, not (a or b))
print(not a < b or c, [x for x in range(5) if not x % 2 or x == 3])
x = None
print(not x and "empty" or "full", not [] or 1 / 0)
