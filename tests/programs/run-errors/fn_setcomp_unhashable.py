pairs = [[1, 2], [3]]
print({len(p) for p in pairs})
{p for p in pairs}
