try:
    assert 1 == 2, "math"
except ValueError:
    print("not this")
