import sys
box = [1]
def give():
    try:
        return box
    finally:
        print("in finally", sys.getrefcount(box))
r = give()
print(r is box, sys.getrefcount(box))
del r
def override():
    try:
        return box
    finally:
        return len(box)
print(override(), sys.getrefcount(box))
def loop_break():
    for i in range(3):
        try:
            if i == 1:
                return i
        finally:
            print("fin", i)
print(loop_break())
