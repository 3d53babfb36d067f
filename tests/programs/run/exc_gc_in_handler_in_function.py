import gc
gc.collect()
def work():
    cyc = []
    cyc.append(cyc)
    del cyc
    try:
        {}["x"]
    except KeyError as e:
        found = gc.collect()
        return found
print(work())
print(gc.collect())
