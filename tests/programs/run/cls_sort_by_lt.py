import sys

class Task:
    def __init__(self, priority, name):
        self.priority = priority
        self.name = name

    def __lt__(self, other):
        return self.priority < other.priority

    def __repr__(self):
        return f"Task({self.priority}, {self.name!r})"

tasks = [Task(p, n) for p, n in [(3, "c"), (1, "a"), (2, "b"), (1, "a2"), (5, "e")]]
print(sorted(tasks))
print(sorted(tasks, reverse=True))
tasks.sort()
print(tasks, sys.getsizeof(tasks))
print(min(tasks), max(tasks))
print(Task(1, "x") > Task(0, "y"), Task(1, "x") < Task(0, "y"))
big = [Task((i * 7919) % 200, str(i)) for i in range(200)]
big.sort()
print([t.priority for t in big[:10]], big[-1])
try:
    sorted([Task(1, "a"), 3])
except TypeError as e:
    print("TypeError:", e)
try:
    Task(1, "a") <= Task(2, "b")
except TypeError as e:
    print("TypeError:", e)
