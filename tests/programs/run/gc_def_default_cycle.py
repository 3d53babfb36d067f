import gc
gc.collect()
box = {}
def get(key, table=box):
    return table.get(key)
box['get'] = get
print(get('get') is get)
del get, box
print(gc.collect())
