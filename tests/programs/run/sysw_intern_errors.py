import sys
try:
    sys.intern(5)
except TypeError as e:
    print('TypeError', e)
try:
    sys.intern([1])
except TypeError as e:
    print('TypeError', e)
print(sys.intern('a-b') == 'a-b')
