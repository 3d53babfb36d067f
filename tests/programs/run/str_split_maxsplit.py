import sys
tests = ["a,b,,c", "abc", ",x,", "a b  c ", "  lead  trail  ", "one", ""]
for t in tests:
    for k in (0, 1, 2, 5, 20):
        r = t.split(",", k)
        w = t.split(None, k)
        print(repr(t), k, r, w, sys.getsizeof(r), sys.getsizeof(w), r[0] is t if r and len(r[0]) > 1 else None, w[0] is t if w and len(w[0]) > 1 else None)
print("a-b".split("-", -1), "x".split("xyz", 1))
