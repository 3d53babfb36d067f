import sys
print(sys.version_info >= (3, 8))
print(sys.version_info >= (3, 12), sys.version_info < (3, 11))
print(sys.version_info > (3,), sys.version_info == (3, 10))
print(sys.version_info != (2, 7), sys.version_info <= (4, 0))
print(sys.version_info[0], sys.version_info.major)
if sys.version_info >= (3, 11):
    print('new')
else:
    print('old')
minor = sys.version_info[1]
print(minor >= 8, sys.version_info.minor == minor)
