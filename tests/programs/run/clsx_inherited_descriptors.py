import sys
class Base:
    @staticmethod
    def kind():
        return 'base'
    @classmethod
    def name(cls):
        return cls.label
    @property
    def size(self):
        return 1
    label = 'B'
class Child(Base):
    label = 'C'
    @property
    def size(self):
        return 2
c = Child()
print(Child.kind(), Child.name(), Base.name(), c.size, Base().size, c.name())
print(sys.getrefcount(Child) - sys.getrefcount(Base))
