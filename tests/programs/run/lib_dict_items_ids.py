d = {'x': 1, 'y': 2, 'z': 3}
seen = []
for pair in d.items():
    seen.append(pair)
print(seen, seen[0] is seen[1])
ids = []
for k, v in d.items():
    ids.append(k)
print(ids)
held = []
for item in d.items():
    held.append(id(item))
print(len(held), held[0] == held[1])
