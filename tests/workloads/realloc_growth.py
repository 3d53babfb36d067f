"""Grow and shrink containers so their buffers are realloc'd in place and moved."""
import os
import pymem_record

items = []
for i in range(2000):
    items.append(i)
pymem_record.mark("list-grown")
text = ""
for i in range(600):
    text += "x"  # a str with one reference is resized in place (realloc)
buffer = bytearray()
for i in range(1000):
    buffer += b"ab"
while len(buffer) > 10:
    del buffer[len(buffer) // 2:]
pymem_record.mark("bytearray-shrunk")
lists = [list(range(n % 70)) for n in range(600)]
for each in lists:
    while each:
        each.pop()
pymem_record.mark("lists-popped")

# End without interpreter teardown: the fixture stays small.
pymem_record.mark("end")
os._exit(0)
