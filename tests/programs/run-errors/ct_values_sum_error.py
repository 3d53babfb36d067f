import collections


def score(counts, word):
    return counts[word] * 10 + counts['missing'] / len(counts['nothing' * 0])


c = collections.Counter('hello')
print(score(c, 'l'))
