import sys
h = hex(4096)
print(h, sys.getsizeof(h), bin(5), oct(8), hex(-1), bin(0), oct(-64))
print(len(hex(2 ** 64)), sys.getsizeof(bin(2 ** 64)))
