import sys
c = chr(65)
print(c, ord('a'), ord('\u20ac'), sys.getsizeof(chr(0x20ac)), sys.getsizeof(chr(200)))
e = chr(8364)
f = chr(8364)
print(e == f, e is f)
print(hex(255), hex(-255), hex(0), bin(10), oct(64), sys.getsizeof(hex(2 ** 70)))
print(ord(chr(1000)), chr(1000) is chr(1000))
