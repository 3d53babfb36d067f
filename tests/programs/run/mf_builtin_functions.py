import sys
# A builtin as map's or filter's function runs as it does called by name.
xs = [1, 22, 333]
s = ", ".join(map(str, xs))
print(s, sys.getsizeof(s))
print(list(map(len, ["ab", "", "xyz"])), sum(map(len, ["ab", "xyz"])))
print(list(filter(bool, [0, 1, 2, 0, 3])))
print(list(map(int, ["1", "20", "300"])), list(map(float, [1, 2])))
print(list(map(abs, [-1, 2, -3])), list(map(repr, ["a", 1])))
print(max(map(len, ["a", "abcd", "ab"])))
print(list(map(divmod, [7, 9], [2, 4])))
print(list(map(sorted, [[3, 1], [2, 0]])), list(map(tuple, [[1], [2, 3]])))
m = map(str, range(3))
print(sys.getsizeof(m), next(m), list(m))
strs = list(map(str, range(1000, 1010)))
print(sys.getsizeof(strs), strs[-1], sys.getrefcount(strs[0]))
del strs
again = [str(n) for n in range(1000, 1010)]
print(sys.getsizeof(again), again[0])
