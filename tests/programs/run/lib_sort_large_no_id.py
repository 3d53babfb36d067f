import sys
x = 777
data = []
for i in range(1500):
    x = (x * 1103515245 + 12345) % 2147483648
    data.append(x % 5000)
words = [str(v) for v in data]
a = sorted(data)
b = sorted(words)
c = sorted(words, key=len)
data.sort(key=abs, reverse=True)
print(a[:4], b[:4], c[:4], data[:4])
print(sys.getsizeof(a), sys.getsizeof(data), sys.getrefcount(data[0]))
print(min(words, key=str.lower), sorted(set(data))[:3] if False else len(set(data)))
