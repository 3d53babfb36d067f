"""A small "web service" whose memory does not go back down.

Each request builds a dict and a few strings; a cache keeps every 25th response;
sessions form reference cycles that only the cycle collector frees. After the burst,
the service drops its working set — yet most arenas stay allocated, pinned by the
few cached objects scattered across them. This is the bundled example recording
(`pnpm start` reports on it, and on the objects pinning each arena); re-record it with:

    pnpm --filter tests record-example
"""
import gc
import os
import pymem_record


class Session:
    def __init__(self, user):
        self.user = user
        self.history = []
        self.owner = self  # a cycle: freed only by the collector


cache = {}
working_set = []
for request in range(5000):
    session = Session("user-%d" % (request % 500))
    response = {
        "id": request,
        "path": "/items/%d" % request,
        "body": "x" * (request % 200),
        "headers": {"content-type": "text/plain", "x-request": str(request)},
    }
    session.history.append(response)
    working_set.append(response)
    if request % 25 == 0:
        cache[request] = response  # a long-lived survivor among short-lived objects
    if request == 2500:
        pymem_record.mark("mid-burst")

pymem_record.mark("peak")
working_set.clear()
del session, response
gc.collect()
pymem_record.snapshot("after-cleanup")  # a mark and a heap snapshot: which objects pin the arenas
os._exit(0)
