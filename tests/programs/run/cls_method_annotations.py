# Annotated methods (with super(), a property, a generator method) and an annotated
# module-level generator: the annotations are made with each function, read as dicts.
import sys


class Base:
    def __init__(self, name: str) -> None:
        self.name = name


class Point(Base):
    scale = 2

    def __init__(self, x: int, y: int = 0) -> None:
        super().__init__('p')
        self.x = x
        self.y = y

    def moved(self, dx: int, dy: 'int' = 0) -> 'Point':
        return Point(self.x + dx, self.y + dy)

    @property
    def norm(self) -> float:
        return (self.x ** 2 + self.y ** 2) ** 0.5

    def items(self) -> list:
        yield self.x
        yield self.y


p = Point(3, 4)
q = p.moved(1)
print(q.x, q.y, p.norm, list(p.items()), sys.getsizeof(p))
print(Point.__init__.__annotations__)
print(Point.moved.__annotations__, Base.__init__.__annotations__)


def gen(n: int) -> 'Iterator':
    for i in range(n):
        yield i


print(list(gen(3)), gen.__annotations__)


def process_request(data: dict, template: dict) -> dict:
    out = template.copy()
    out.update(data)
    return out


r = process_request({'a': 1}, {'b': 2})
print(r, sys.getsizeof(r), process_request.__annotations__)
