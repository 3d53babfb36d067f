from operator import itemgetter
import operator
g = itemgetter(5)
try:
    g([1, 2, 3])
except IndexError as e:
    print('IndexError:', e)
try:
    operator.add(1, 'a')
except TypeError as e:
    print('TypeError:', e)
h = itemgetter('missing')
print(h({'missing': 0}))
h({'other': 1})
