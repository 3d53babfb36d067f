def deco(f):
    return f
class A:
    @deco
    def m(self):
        return 1
print(A().m())
