import sys
w = 'delta alpha charlie bravo'.split()
d = w[0]
print(sys.getrefcount(d))
w.sort()
print(w, sys.getrefcount(d), sys.getsizeof(w))
w.sort(reverse=True)
print(w)
nums = [3.5, 1, 2, 1.0, True]
nums.sort()
print(nums)
