import gc
gc.collect()


def keep(*args):
    box = [args]
    box.append(box)
    return gc.is_tracked(args)


print(keep(1, 2), keep('a', []), keep())
print(gc.collect())
n = 6
rows = [(n, n * 2), (n, [n]), ((n, n), n)]
rows.append(rows)
print([gc.is_tracked(r) for r in rows[:3]])
del rows
print(gc.collect())
err = ValueError(n, 'x')
holder = [err]
holder.append(holder)
print(gc.is_tracked(err.args))
del err, holder
print(gc.collect())
