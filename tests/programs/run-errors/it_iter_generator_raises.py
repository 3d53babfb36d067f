class Countdown:
    def __init__(self, start):
        self.start = start
    def __iter__(self):
        n = self.start
        while n >= 0:
            yield 10 // n
            n -= 1
for q in Countdown(2):
    print(q)
