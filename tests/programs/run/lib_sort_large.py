import sys
x = 12345
data = []
for i in range(3000):
    x = (x * 1103515245 + 12345) % 2147483648
    data.append(x % 100000)
s = sorted(data)
print(s[:5], s[-5:], sys.getsizeof(s))
data.sort(reverse=True)
print(data[:3], sys.getsizeof(data))
words = [str(v) for v in data[:800]]
print(sorted(words, key=str.lower)[:4], max(words, key=len))
w2 = sorted(words, key=len, reverse=True)
print(w2[:4], w2[-3:])
n = 14
t = "ab" * n
a = id(t)
del t
words.sort(key=str.upper, reverse=True)
g = "cd" * n
print(words[:3], id(g) == a)
d = {i: (i * 37) % 101 for i in range(500)}
print(sorted(d, key=d.get)[:6])
print(sorted(range(1000), reverse=True)[:3])
print(sorted("the quick brown fox jumps over the lazy dog" * 5)[-3:])
