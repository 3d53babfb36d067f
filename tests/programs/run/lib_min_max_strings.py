import sys
names = 'kiwi apple mango banana'.split()
lo = min(names)
hi = max(names)
print(lo, hi, lo is names[1], hi is names[2], sys.getrefcount(lo))
print(max('abc', 'abd'), min((3, 1), (2, 9)), max([1, 2], [1, 2, 0]))
