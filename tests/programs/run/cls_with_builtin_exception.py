class Guard:
    def __enter__(self):
        print("in")
        return self
    def __exit__(self, t, v, tb):
        print("out", t is None)
        return True
with Guard():
    print("body")
with Guard():
    x = 1 // 0
print("suppressed")
