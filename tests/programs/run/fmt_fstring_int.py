import sys
n = 1234567
print(f"{n:,}", f"{n:_}", f"{-n:,}", f"{n:x}", f"{n:X}", f"{n:o}", f"{n:b}")
print(f"{255:#x}", f"{255:#X}", f"{8:#o}", f"{5:#b}", f"{-255:#x}", f"{255:08b}", "{:=+8}".format(-5))
print(f"{1234:08,}", f"{1234:010,}", f"{65535:_x}", f"{-42:05}", f"{42:+}", "{: }".format(42))
print(f"{7:e}", f"{7:.2f}", f"{7:%}", f"{12:g}")
big = 2 ** 100
t = f"{big:,}"
print(t, sys.getsizeof(t))
