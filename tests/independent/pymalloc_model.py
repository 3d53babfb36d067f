#!/usr/bin/env python3
"""Independent model of CPython's pymalloc, used as a second opinion in tests.

Usage: python3 pymalloc_model.py TRACE.txt   (plain text or .gz; `pymem-trace 1`)

Written from the documented algorithm only (no project TypeScript was read).
It replays the mem/obj events of a text trace and checks that
  * every pointer returned by malloc/calloc/realloc equals the recorded one,
  * the model creates an arena exactly when an `A <ARENA_SIZE>` line is queued,
  * the model releases an arena exactly when an `F ... <ARENA_SIZE>` line says so,
  * at every mark followed by `|` lines, the recorded _debugmallocstats pymalloc
    block equals the one computed from the model, byte for byte.
Exit status: 0 all good, 1 first mismatch (one line), 2 malformed input.
"""
import gzip
import re
import sys

HEADER = 48          # pool header, rounded up to the 16-byte alignment
NCLASSES = 32        # size classes of 16, 32, ... 512 bytes
THRESHOLD = 512      # larger (and zero-byte) requests go to the raw allocator
DOMAINS = ("mem", "obj")   # both use pymalloc; the raw domain is not replayed


class Mismatch(Exception):    # the model disagrees with the trace (exit 1)
    pass


class Malformed(Exception):   # the trace does not parse (exit 2)
    pass


class Pool:
    # Invariant: count + len(free) + (unused tail blocks from nextoff) == nblocks.
    # `free` is a LIFO stack of freed block addresses; blocks never handed out are
    # bump-allocated at addr + nextoff once the stack is empty.  A pool is full
    # exactly when count == nblocks; a used pool (0 < count < nblocks) is linked
    # into the circular list of its size class through prev/next.
    __slots__ = ("addr", "arena", "count", "szidx", "free", "nextoff", "prev", "next")

    def __init__(self, addr, arena):
        self.addr, self.arena, self.count, self.szidx = addr, arena, 0, -1
        self.free, self.nextoff = [], 0
        self.prev = self.next = self


class Arena:
    # nfree counts cached empty pools (`freepools`, LIFO) plus never-carved pools.
    # The arenas with nfree > 0 form the "usable" doubly linked list, sorted by
    # nfree ascending; lastnf[n] is the rightmost arena in it with nfree == n.
    __slots__ = ("base", "nfree", "ntotal", "carve", "freepools", "pools", "prev", "next")


class Model:
    def __init__(self, version):
        major, minor = version
        new = (major, minor) >= (3, 10)
        self.pool_size = 16384 if new else 4096
        self.arena_size = 1 << 20 if new else 1 << 18
        self.keep_last = (major, minor) >= (3, 9)   # bpo-37257: keep last free arena
        # radix tree geometry: (address bits, top, mid, bottom) above 20 arena bits
        self.radix = None if not new else (48, 10, 10, 8) if minor == 10 else (64, 15, 15, 14)
        self.mask = ~(self.pool_size - 1)
        self.nblocks = [(self.pool_size - HEADER) // (16 * (i + 1)) for i in range(NCLASSES)]
        self.heads = [Pool(None, None) for _ in range(NCLASSES)]   # list sentinels
        self.pools = {}          # pool address -> Pool, for every carved pool of a live arena
        self.live = set()        # pymalloc blocks currently handed out
        self.raw = set()         # live blocks that went to the raw allocator
        self.arenas = []         # live arenas
        self.usable = None       # head of the usable-arena list
        self.lastnf = [None] * 65
        self.arena_queue = []    # [(address, line)] from A lines not yet consumed
        self.release_queue = []  # [(address, line)] from F lines not yet matched
        self.total_arenas = self.highwater = 0
        self.mid_nodes, self.bot_nodes = set(), set()

    # ---------------------------------------------------------------- arenas
    def new_arena(self):
        if not self.arena_queue:
            raise Mismatch("expected no new arena (no A line), model produced a new arena")
        base = self.arena_queue.pop(0)[0]
        a = Arena()
        a.base, a.freepools, a.pools, a.prev, a.next = base, [], [], None, None
        a.carve, a.nfree = base, 64
        if base % self.pool_size:      # unaligned: lose one pool, carve from next boundary
            a.carve, a.nfree = (base & self.mask) + self.pool_size, 63
        a.ntotal = a.nfree
        self.arenas.append(a)
        self.total_arenas += 1
        self.highwater = max(self.highwater, len(self.arenas))
        if self.radix:                 # mark the base slot (and the next one if unaligned)
            bits, _top, mid, bot = self.radix
            amask = (1 << bits) - 1
            slots = [base] if base % self.arena_size == 0 else [base, base + self.arena_size]
            for s in slots:
                self.mid_nodes.add((s & amask) >> (20 + bot + mid))
                self.bot_nodes.add((s & amask) >> (20 + bot))
        return a

    def release_arena(self, a):
        if not self.release_queue or self.release_queue[0][0] != a.base:
            got = "%x" % self.release_queue[0][0] if self.release_queue else "no F line"
            raise Mismatch("expected %s, model produced a release of arena %x" % (got, a.base))
        self.release_queue.pop(0)
        self.arenas.remove(a)
        for p in a.pools:
            del self.pools[p.addr]

    # ------------------------------------------------------------- allocate
    def malloc(self, n, recorded):
        """Small requests from pymalloc; others from the raw allocator (= recorded)."""
        if n == 0 or n > THRESHOLD:
            if recorded:
                self.raw.add(recorded)
            return recorded
        idx = (n - 1) >> 4
        head = self.heads[idx]
        pool = head.next
        if pool is head:               # no partially used pool of this class
            bp = self.from_new_pool(idx)
        else:
            pool.count += 1
            if pool.free:
                bp = pool.free.pop()
            else:
                bp = pool.addr + pool.nextoff
                pool.nextoff += (idx + 1) << 4
            if pool.count == self.nblocks[idx]:    # now full: leave the used list
                pool.prev.next = pool.next
                pool.next.prev = pool.prev
        self.live.add(bp)
        return bp

    def from_new_pool(self, idx):
        lastnf = self.lastnf
        a = self.usable
        if a is None:                  # no arena has a free pool at all
            a = self.usable = self.new_arena()
            lastnf[a.nfree] = a
        # a has the fewest free pools; taking one keeps the list sorted
        if lastnf[a.nfree] is a:
            lastnf[a.nfree] = None
        if a.nfree > 1:
            lastnf[a.nfree - 1] = a
        if a.freepools:
            pool = a.freepools.pop()
        else:
            pool = Pool(a.carve, a)
            a.carve += self.pool_size
            a.pools.append(pool)
            self.pools[pool.addr] = pool
        a.nfree -= 1
        if a.nfree == 0:               # wholly used: drop from the usable list
            self.usable = a.next
            if a.next is not None:
                a.next.prev = None
        head = self.heads[idx]         # the pool becomes the only used pool of idx
        pool.prev = pool.next = head
        head.prev = head.next = pool
        pool.count = 1
        size = (idx + 1) << 4
        if pool.szidx == idx:          # same class as before: its free list is intact
            if pool.free:
                return pool.free.pop()
            pool.nextoff += size
            return pool.addr + pool.nextoff - size
        pool.szidx, pool.free, pool.nextoff = idx, [], HEADER + size
        return pool.addr + HEADER

    # ----------------------------------------------------------------- free
    def free(self, p):
        if p == 0:
            return
        pool = self.pools.get(p & self.mask)
        if pool is None:
            if p not in self.raw:
                raise Mismatch("expected a live block, model has none at %x" % p)
            self.raw.discard(p)
            return
        if p not in self.live:
            raise Mismatch("expected a live block, model has none at %x" % p)
        self.live.discard(p)
        was_full = pool.count == self.nblocks[pool.szidx]
        pool.free.append(p)
        pool.count -= 1
        if was_full:                   # full -> used: goes to the front of its list
            head = self.heads[pool.szidx]
            pool.prev, pool.next = head, head.next
            head.next.prev = pool
            head.next = pool
        elif pool.count == 0:
            self.pool_emptied(pool)

    def pool_emptied(self, pool):
        pool.prev.next = pool.next     # leave the used list, join the arena's cache
        pool.next.prev = pool.prev
        a = pool.arena
        a.freepools.append(pool)
        lastnf = self.lastnf
        nf = a.nfree
        old_last = lastnf[nf]
        if old_last is a:              # a was the rightmost with nf: pass the role left
            lastnf[nf] = a.prev if a.prev is not None and a.prev.nfree == nf else None
        nf += 1
        a.nfree = nf
        if nf == a.ntotal and (a.next is not None or not self.keep_last):
            # wholly free (and not the last usable arena on 3.9+): give it back
            if a.prev is None:
                self.usable = a.next
            else:
                a.prev.next = a.next
            if a.next is not None:
                a.next.prev = a.prev
            self.release_arena(a)
            return
        if nf == 1:                    # was full, hence unlisted: new head
            a.prev, a.next = None, self.usable
            if self.usable is not None:
                self.usable.prev = a
            self.usable = a
            if lastnf[1] is None:
                lastnf[1] = a
            return
        if lastnf[nf] is None:
            lastnf[nf] = a
        if old_last is a:              # still sorted
            return
        # move a to just after old_last (rightmost arena with the old count)
        if a.prev is not None:
            a.prev.next = a.next
        else:
            self.usable = a.next
        a.next.prev = a.prev
        a.prev, a.next = old_last, old_last.next
        if a.next is not None:
            a.next.prev = a
        old_last.next = a

    def realloc(self, old, n, recorded):
        if old == 0:
            return self.malloc(n, recorded)
        pool = self.pools.get(old & self.mask)
        if pool is None:               # raw block: stays raw, result is the trace's
            if old not in self.raw:
                raise Mismatch("expected a live block, model has none at %x" % old)
            if recorded:
                self.raw.discard(old)
                self.raw.add(recorded)
            return recorded
        if old not in self.live:
            raise Mismatch("expected a live block, model has none at %x" % old)
        size = (pool.szidx + 1) << 4
        if n <= size and 4 * n > 3 * size:
            return old                 # same class, shrink by less than 25%: in place
        new = self.malloc(n, recorded)
        if new:
            self.free(old)
        return new

    # ---------------------------------------------------------------- stats
    def stats(self):
        """The pymalloc block of sys._debugmallocstats(), one string per line."""
        ps = self.pool_size
        npools, inuse, avail = [0] * NCLASSES, [0] * NCLASSES, [0] * NCLASSES
        unused = lost_align = 0
        for a in self.arenas:
            unused += a.nfree
            if a.base % ps:
                lost_align += ps
            for p in a.pools:
                if p.count:
                    npools[p.szidx] += 1
                    inuse[p.szidx] += p.count
                    avail[p.szidx] += self.nblocks[p.szidx] - p.count
        out = ["Small block threshold = %d, in %d size classes." % (THRESHOLD, NCLASSES), "",
               "class   size   num pools   blocks in use  avail blocks",
               "-----   ----   ---------   -------------  ------------"]
        used_bytes = avail_bytes = headers = quant = 0
        for i in range(NCLASSES):
            if npools[i]:
                size = 16 * (i + 1)
                out.append("%5d %6d %11d %15d %13d" % (i, size, npools[i], inuse[i], avail[i]))
                used_bytes += inuse[i] * size
                avail_bytes += avail[i] * size
                headers += npools[i] * HEADER
                quant += npools[i] * ((ps - HEADER) % size)

        def one(label, value):
            out.append("%s=%s" % (label.ljust(35), format(value, ">21,")))
            return value

        cur = len(self.arenas)
        out.append("")
        one("# arenas allocated total", self.total_arenas)
        one("# arenas reclaimed", self.total_arenas - cur)
        one("# arenas highwater mark", self.highwater)
        one("# arenas allocated current", cur)
        one("%d arenas * %d bytes/arena" % (cur, self.arena_size), cur * self.arena_size)
        out.append("")
        total = one("# bytes in allocated blocks", used_bytes)
        total += one("# bytes in available blocks", avail_bytes)
        total += one("%d unused pools * %d bytes" % (unused, ps), unused * ps)
        total += one("# bytes lost to pool headers", headers)
        total += one("# bytes lost to quantization", quant)
        total += one("# bytes lost to arena alignment", lost_align)
        one("Total", total)
        if self.radix:
            _bits, top, mid, bot = self.radix
            out += ["", "arena map counts"]
            one("# arena map mid nodes", len(self.mid_nodes))
            one("# arena map bot nodes", len(self.bot_nodes))
            out.append("")
            total = one("# bytes lost to arena map root", 8 << top)
            total += one("# bytes lost to arena map mid", len(self.mid_nodes) * (8 << mid))
            total += one("# bytes lost to arena map bot", len(self.bot_nodes) * (8 << bot))
            one("Total", total)
        return out


# -------------------------------------------------------------------- replay

def replay(lines):
    """Returns (events, pointers, marks); raises Mismatch/Malformed with a line number."""
    lines = iter(lines)
    head = [next(lines, "").rstrip("\n"), next(lines, "").rstrip("\n")]
    if head[0] != "pymem-trace 1":
        raise Malformed("line 1: expected 'pymem-trace 1'")
    m = re.match(r"python (\d+)\.(\d+)\.\d+\S*$", head[1])
    if not m or not (3, 8) <= (int(m.group(1)), int(m.group(2))) <= (3, 14):
        raise Malformed("line 2: expected 'python 3.X.Y' with 3.8 <= 3.X <= 3.14")
    model = Model((int(m.group(1)), int(m.group(2))))
    asize = model.arena_size
    events = pointers = marks = 0
    block = []                         # `|` lines after the current mark
    mark_line = 0
    lineno = 2

    def check_queues():
        if model.arena_queue:
            raise Mismatch("expected a new arena at %x (A line %d), model produced none"
                           % model.arena_queue[0])
        if model.release_queue:
            raise Mismatch("expected release of arena %x (F line %d), model produced none"
                           % model.release_queue[0])

    def check_block():
        got = model.stats()
        for i, text in enumerate(block):
            mine = got[i] if i < len(got) else "<end of block>"
            if text != mine:
                raise Mismatch("line %d: stats expected %r, model produced %r"
                               % (mark_line + 1 + i, text, mine))
        if len(got) > len(block):
            raise Mismatch("line %d: stats expected <end of block>, model produced %r"
                           % (mark_line + 1 + len(block), got[len(block)]))

    try:
        for lineno, line in enumerate(lines, 3):
            if line[:1] == "|":
                if not mark_line or (line[1:2] not in ("", " ", "\n")):
                    raise Malformed("line %d: '|' line outside a mark" % lineno)
                block.append(line[2:].rstrip("\n"))
                continue
            if block:
                check_block()
                marks += 1
                block = []
            f = line.split()
            kind = f[0] if f else ""
            if kind in ("m", "c", "f", "r"):
                if len(f) > 2 and f[-1][0] == "@" and kind != "f":
                    int(f.pop()[1:])   # allocation-site id: not needed here
                if len(f) != (3 if kind == "f" else 5 if kind == "r" else 4):
                    raise Malformed("line %d: wrong number of fields" % lineno)
                events += 1
                if f[1] not in DOMAINS:
                    if f[1] != "raw":
                        raise Malformed("line %d: bad domain %r" % (lineno, f[1]))
                    [int(x, 16) for x in f[2:]]   # raw domain: validated, not replayed
                    continue
                if kind == "f":
                    model.free(int(f[2], 16))
                else:
                    want = int(f[-1], 16)
                    if kind == "r":
                        got = model.realloc(int(f[2], 16), int(f[3]), want)
                    else:
                        got = model.malloc(int(f[2]), want)
                    pointers += 1
                    if got != want:
                        raise Mismatch("%s %s %s: expected %x, model produced %x"
                                       % (kind, f[1], f[-2], want, got))
                check_queues()
            elif kind == "A" or kind == "F":
                if len(f) != 3:
                    raise Malformed("line %d: '%s' takes 2 fields" % (lineno, kind))
                size, addr = (int(f[1]), int(f[2], 16)) if kind == "A" else (int(f[2]), int(f[1], 16))
                if size == asize:
                    (model.arena_queue if kind == "A" else model.release_queue).append((addr, lineno))
                events += 1
            elif kind == "S":
                check_queues()
                mark_line = lineno
            elif kind == "G":
                if len(f) != 5:
                    raise Malformed("line %d: 'G' takes 4 fields" % lineno)
                [int(x) for x in f[1:]]
            elif kind == "E":
                # The end record: the writer closed the file after this many events.
                if len(f) != 2 or int(f[1]) != events:
                    raise Malformed("line %d: end record %r, but %d events were read" % (lineno, line.rstrip("\n"), events))
            elif kind in ("t", "N", "T", "#") or line[:1] == "#":
                pass
            else:
                raise Malformed("line %d: unknown record %r" % (lineno, line.rstrip("\n")[:40]))
        if block:
            check_block()
            marks += 1
        lineno += 1
        check_queues()
    except Mismatch as e:
        msg = str(e)
        raise Mismatch(msg if msg.startswith("line ") else "line %d: %s" % (lineno, msg))
    except (ValueError, IndexError):
        raise Malformed("line %d: bad number or missing field" % lineno)
    return events, pointers, marks


def main(argv):
    if len(argv) != 2:
        print("usage: pymalloc_model.py TRACE.txt", file=sys.stderr)
        return 2
    path = argv[1]
    if path.endswith(".br"):
        print("%s: brotli is not in the standard library; decompress first" % path)
        return 2
    opener = gzip.open if path.endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8", newline="\n") as fh:
            events, pointers, marks = replay(fh)
    except Malformed as e:
        print("malformed: %s" % e)
        return 2
    except Mismatch as e:
        print("mismatch: %s" % e)
        return 1
    except OSError as e:
        print("cannot read %s: %s" % (path, e))
        return 2
    print("independent model: %d events, %d pointers, %d marks: 0 mismatches"
          % (events, pointers, marks))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
