import sys
# A generator expression using its function's locals takes them as cells (a closure).
def deep_size(obj, seen=None):
    if seen is None:
        seen = set()
    if id(obj) in seen:
        return 0
    seen.add(id(obj))
    size = sys.getsizeof(obj)
    if isinstance(obj, dict):
        size += sum(deep_size(k, seen) + deep_size(v, seen) for k, v in obj.items())
    elif isinstance(obj, (list, tuple)):
        size += sum(deep_size(i, seen) for i in obj)
    return size
data = {"a": [1, 2, 3], "b": ("x", "y"), "c": {"d": 4.5}}
print(deep_size(data), deep_size([data, data]))
