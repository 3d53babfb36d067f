import sys
class T:
    @property
    def count(self):
        return sys.getrefcount(self)
t = T()
for i in range(3):
    print(t.count)
