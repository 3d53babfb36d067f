"""A dict per "request", keys added and removed, tables resized both ways."""
import os
import pymem_record

store = {}
for request in range(1000):
    record = {"id": request, "path": "/item/%d" % request, "user": "u%d" % (request % 97)}
    if request % 3 == 0:
        record.update({"k%d" % k: k for k in range(request % 40)})
    store[request] = record
    if request % 5 == 0:
        store.pop(request // 2, None)
pymem_record.mark("requests")
for key in list(store)[::2]:
    del store[key]
pymem_record.mark("half-dropped")
store.clear()
pymem_record.mark("cleared")

# End without interpreter teardown: the fixture stays small.
pymem_record.mark("end")
os._exit(0)
