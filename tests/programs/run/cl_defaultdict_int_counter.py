# Counting with defaultdict(int): the factory gives 0, += stores the new count.
import sys
import collections

counts = collections.defaultdict(int)
for ch in 'mississippi':
    counts[ch] += 1
print(counts)
print(counts['s'], counts.get('q'), 'q' in counts, len(counts))
print(counts['q'], 'q' in counts, len(counts))
print(sys.getsizeof(counts))
for n in range(300, 310):
    counts[n] += n
print(len(counts), sys.getsizeof(counts), counts[305])
print(counts.pop('m'), counts.pop('nope', -1), len(counts))
print(counts.setdefault('i', 100), counts.setdefault('w', 7), counts['w'])
