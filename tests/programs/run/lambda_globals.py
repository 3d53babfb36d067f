counter = [0]
bump = lambda: counter.append(len(counter))
bump()
bump()
print(counter)
total = 0
get_total = lambda: total
total = 42
print(get_total())
