name = 'ada'
print(f'hello\t{name}\n', end='')
print(f'{name!r}\\{len(name)}\x41\u00e9')
rows = ''
for i in range(3):
    rows += f'{i}:\t{i * i}\n'
print(rows, end='')
print(rf'raw\n{name}')
