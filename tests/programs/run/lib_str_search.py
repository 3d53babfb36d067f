s = 'the cat sat on the mat'
print(s.find('at'), s.find('dog'), s.count('at'), s.count('the'), s.count(''))
print(s.startswith('the'), s.endswith('mat'), s.startswith('cat'), s.endswith(''))
print(s.upper(), s.upper().lower() == s)
words = s.split()
print('-'.join(words), ''.join(words), len(' '.join(words)))
