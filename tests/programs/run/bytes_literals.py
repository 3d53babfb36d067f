import sys
# bytes objects: 33 bytes of header (PyBytesObject with its NUL) plus the data.
b = b"hello"
s = "hello"
print(b, s, len(b), sys.getsizeof(b), sys.getsizeof(s))
print(sys.getsizeof(b""), sys.getsizeof(b"ab"), sys.getsizeof(b"x" * 100))
print(b == b"hello", b == s, b"ab" + b"cd", b[0], b[-1])
print(repr(b'it\'s'), b'\x00\x7f\xff\t\n', rb'\n', b'a' b'bc', b'q"\'')
print(str(b"xy"), bool(b""), not b"z", b"\101\102")
data = [b"abc", b"de"]
print(data, sys.getsizeof(data), {b"k1": 1, b"k2": 2})
left = b"ab"
right = b"cd"
joined = left + right
print(joined, sys.getsizeof(joined), left + b"" is left, left * 1 is left)
tripled = right * 3
print(tripled, sys.getsizeof(tripled), len(tripled))
encoded = "memory".encode()
print(encoded, sys.getsizeof(encoded), encoded.decode("ascii"), sys.getsizeof(encoded.decode()))
empty = b""
print("".encode() is empty, b"".decode() == "", "ok".encode("utf-8") == b"ok")
try:
    b[10]
except IndexError as e:
    print("IndexError:", e)
try:
    b["x"]
except TypeError as e:
    print("TypeError:", e)
try:
    b + "s"
except TypeError as e:
    print("TypeError:", e)
