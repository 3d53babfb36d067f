import sys
base = 'hé'
word = base + 'llo€'
count = 0
for ch in word:
    count += 1
    print(ch, sys.getsizeof(ch), end='; ')
print(count)
print(sys.getrefcount(word))
for ch in word:
    print(sys.getrefcount(word))
    break
letters = []
for ch in 'abc':
    letters.append(ch)
print(letters, letters[0] == 'abc'[0], 'abc'[-1])
