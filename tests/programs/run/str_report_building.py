# Building a report string.
items = [('apple', 1.25, 3), ('pear', 0.5, 10), ('fig', 2.0, 1)]
report = ''
for name, price, qty in items:
    report += f'{name:<6}{price:>6.2f}{qty:>4}\n'
report += '-' * 16 + '\n'
total = sum(p * q for _, p, q in items)
report += f'{"total":<6}{total:>6.2f}\n'
print(report, end='')
print(len(report))
