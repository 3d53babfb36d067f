"""list.sort's merge memory: for each list of tests/list-sort.test.ts (the same
formulas), the peak of tracemalloc's traced memory while `a.sort()` / `a.sort(key=abs)`
runs, over what was traced before it. Prints one JSON object {"name/n/plain|key": bytes}.
"""
import json
import tracemalloc


def lists():
    out = []
    for n in (300, 513, 600, 1000, 2000, 5000):
        out.append(("lcg", n, [(i * 7919 + 13) % 1009 for i in range(n)]))
        out.append(("saw", n, [i % 97 for i in range(n)]))
        out.append(("desc", n, [(n - i) // 3 for i in range(n)]))
        out.append(("blocks", n, [(i // 50) * (-1 if (i // 50) % 2 else 1) + i % 50 for i in range(n)]))
        x = 12345
        rand = []
        for _ in range(n):
            x = (x * 1103515245 + 12345) % 2147483648
            rand.append(x % 10000)
        out.append(("rand", n, rand))
    return out


peaks = {}
for name, n, items in lists():
    for keyed in (False, True):
        a = list(items)
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        if keyed:
            a.sort(key=abs)
        else:
            a.sort()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        peaks["%s/%d/%s" % (name, n, "key" if keyed else "plain")] = peak - before
print(json.dumps(peaks, sort_keys=True))
