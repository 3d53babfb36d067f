import sys
items = [('apple', 3, 0.5), ('kiwi', 12, 0.25), ('fig', 100, 1.125)]
total = 0.0
for name, qty, price in items:
    line = f"{name:<8}{qty:>5d}{price:>8.2f}{qty * price:>10.3f}"
    print(line, len(line))
    total += qty * price
print(f"{'total':<8}{total:>23.3f}")
print(sys.getrefcount(line), sys.getsizeof(line))
