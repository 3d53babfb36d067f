import sys
class StorageError(Exception):
    pass
class ConfigError(StorageError):
    pass
def load(d, key):
    try:
        return d[key]
    except KeyError as k:
        raise ConfigError("missing", key) from k
def load_implicit(d, key):
    try:
        return d[key]
    except KeyError:
        raise StorageError("lookup failed")
data = {"a": 1}
try:
    load(data, "b")
except StorageError as e:
    print(repr(e), repr(e.__cause__), e.__cause__ is e.__context__, type(e.__cause__).__name__)
    print(e.__cause__.args, sys.getrefcount(e))
try:
    load_implicit(data, "c")
except StorageError as e:
    print(repr(e), e.__cause__, repr(e.__context__))
try:
    try:
        raise ConfigError("inner")
    except ConfigError:
        raise ValueError("outer") from None
except ValueError as v:
    print(repr(v), v.__cause__, repr(v.__context__))
print(load(data, "a"), sys.getrefcount(ConfigError))
