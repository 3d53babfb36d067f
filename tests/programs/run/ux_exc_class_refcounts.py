import sys
class E(Exception):
    pass
class F(E):
    pass
print(sys.getrefcount(E), sys.getrefcount(F))
try:
    raise F("x")
except E as e:
    print("handler", sys.getrefcount(E), sys.getrefcount(F), sys.getrefcount(e))
print(sys.getrefcount(E), sys.getrefcount(F))
def f():
    try:
        raise F("y")
    finally:
        print("finally", sys.getrefcount(E), sys.getrefcount(F))
try:
    f()
except F:
    print("caught", sys.getrefcount(F))
print(sys.getrefcount(E), sys.getrefcount(F))
