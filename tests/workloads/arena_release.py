"""Fill about four arenas with 240-byte blocks, free them all, then half again.

Shows arena release: 3.8 gives every wholly free arena back; 3.9+ keep the last one.
"""
import pymem_record

blocks = [bytes(200) for _ in range(14000)]  # 33 + 200 bytes: the 240-byte class
pymem_record.mark("filled")
del blocks
pymem_record.mark("freed")
half = [bytes(200) for _ in range(7000)]
del half[::2]
pymem_record.mark("half-again")
