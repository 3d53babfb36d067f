class Base:
    def hello(self):
        return 'base'
class Outer(Base):
    class Inner(Base):
        def hello(self):
            return 'inner+' + super().hello()
    def hello(self):
        return 'outer+' + super().hello()
    def make(self):
        return self.Inner()
o = Outer()
print(o.hello(), o.make().hello(), Outer.Inner().hello())
print(Outer.Inner.hello.__qualname__, Outer.hello.__qualname__)
