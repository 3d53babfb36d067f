import sys
x = 5
name = 'pymem'
print(f'{x=}')
print(f'{x = }')
print(f'value {x=} and {name=!s} {x=:>4}|')
items = [1, 2]
print(f'{len(items)=} {items[0]=}')
print(f'{sys.getsizeof(items)=}')
s = f'{x=}'
print(sys.getrefcount(s), len(s))
print(f'{x = !r:>3}|{ x =}|{x=  }|')
