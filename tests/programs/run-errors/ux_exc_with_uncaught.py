class Timeout(Exception):
    pass
class Cleanup(RuntimeError):
    pass
class Resource:
    def __enter__(self):
        return self
    def __exit__(self, t, v, tb):
        print("closing after", repr(v))
        if t is Timeout:
            raise Cleanup("close failed")
        return False
def work():
    with Resource() as r:
        raise Timeout("too slow", 3)
work()
