# s = s + t is the same in-place add as s += t.
def build(n):
    s = str(n)
    same = 0
    for i in range(n):
        a = id(s)
        s = s + '-'
        same += id(s) == a
    return s, same

for n in (5, 12, 20):
    print(build(n))
