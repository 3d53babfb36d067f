#!/usr/bin/env python3
"""Record what CPython's tracemalloc does, as JSON truth for tracemalloc.test.ts.

Usage (any CPython 3.8 ... 3.13):

    python3.12 record-truth.py [OUTPUT.json]

Without OUTPUT the result goes to tracemalloc-truth.json next to this script.
The committed fixture was recorded with CPython 3.12.1.  Running the script with
3.8 produces the 3.8 flavour of every answer (3-tuple raw traces, no
total_nframe, no reset_peak, the old fnmatch bracket rules) so the two files can
be diffed.

What is recorded:
  * snapshots: raw traces (``snapshot.traces._traces``) of
      - two real ``tracemalloc.take_snapshot()`` results, taken with
        ``tracemalloc.start(5)`` while code compiled under the virtual file
        names /virtual/app/*.py allocated memory (only traces whose frames are
        all virtual are kept, so the fixture does not depend on where this
        script lives), and
      - hand-built ``tracemalloc.Snapshot(raw_traces, limit)`` inputs with
        ties, repeated frames, <unknown> frames, several domains, .pyc names,
        non-BMP file names and an empty traceback;
  * for each snapshot, key type and cumulative flag: str(), key frames, size
    and count (and repr() for the hand-built snapshots) of every
    ``statistics(...)`` entry, or the error raised;
  * ``compare_to(...)`` between pairs of snapshots, likewise;
  * ``filter_traces(...)`` for many filter lists (indices of kept traces);
  * ``fnmatch.fnmatch`` for a pattern x name table (tracemalloc's Filter
    relies on it), hand-picked patterns plus seeded random ones;
  * ``_format_size`` for hand-picked and seeded random values, signed and
    unsigned;
  * str/repr/len/format() of tracebacks, str/repr of frames and traces;
  * error messages;
  * a live scenario driven through the public C API PyTraceMalloc_Track /
    PyTraceMalloc_Untrack (via ctypes) in a private domain, modelling
    alloc / realloc in place / realloc moved / free, with get_traced_memory()
    after every step.

This script is original code written for pymem; it only calls tracemalloc's
public and semi-public API (``Snapshot.traces._traces``, ``_format_size``).
"""

import ctypes
import fnmatch
import json
import os
import random
import sys
import tracemalloc

PY39 = sys.version_info >= (3, 9)
VIRTUAL = '/virtual/app/'


def raw(traces):
    """Hand-written raw traces are given in the 3.9+ shape; adapt them to 3.8."""
    out = []
    for t in traces:
        domain, size, frames, total = t
        frames = tuple((f, l) for f, l in frames)
        out.append((domain, size, frames, total) if PY39 else (domain, size, frames))
    return out


def jsonable_traces(traces):
    return [[t[0], t[1], [[f, l] for f, l in t[2]]] + list(t[3:]) for t in traces]


def attempt(fn):
    try:
        return {'ok': fn()}
    except Exception as exc:  # noqa: BLE001 - we record whatever CPython raises
        return {'error': [type(exc).__name__, str(exc)]}


# ---------------------------------------------------------------------------
# Real snapshots: code compiled with virtual file names allocates memory.

ALPHA_SRC = '''\
def build_lists(n):
    out = []
    for i in range(n):
        out.append([i] * (i * 3))
    return out


def build_text(n):
    return ["%d:%s" % (i, "a" * (i * 40)) for i in range(n)]


def nest(depth, fn, *args):
    if depth <= 0:
        return fn(*args)
    return nest(depth - 1, fn, *args)
'''

BETA_SRC = '''\
def build_dicts(n):
    return [{"k%d" % j: j for j in range(i)} for i in range(n)]


def build_bytes(n):
    return [bytearray(64 * i) for i in range(1, n)]


def twice(fn, n):
    first = fn(n)
    second = fn(n + 1)
    return first, second
'''

MAIN_SRC = '''\
KEEP = []


def step_one():
    KEEP.append(nest(4, build_lists, 12))
    KEEP.append(nest(3, build_text, 10))
    KEEP.append(nest(2, twice, build_dicts, 6))


def step_two():
    KEEP.pop(0)
    KEEP.append(nest(4, build_bytes, 8))
    KEEP.append(nest(1, twice, build_text, 6))
'''


def load_virtual():
    ns = {}
    for name, src in (('alpha', ALPHA_SRC), ('beta', BETA_SRC), ('main', MAIN_SRC)):
        code = compile(src, VIRTUAL + name + '.py', 'exec')
        exec(code, ns)
    return ns


def virtual_only(snapshot):
    kept = [t for t in snapshot.traces._traces
            if all(frame[0].startswith(VIRTUAL) for frame in t[2])]
    return tracemalloc.Snapshot(kept, snapshot.traceback_limit)


def real_snapshots():
    ns = load_virtual()
    tracemalloc.start(5)
    ns['step_one']()
    first = virtual_only(tracemalloc.take_snapshot())
    ns['step_two']()
    second = virtual_only(tracemalloc.take_snapshot())
    tracemalloc.stop()
    ns['KEEP'].clear()
    return first, second


# ---------------------------------------------------------------------------
# Hand-built snapshots.  Frames are listed most recent first, as _tracemalloc
# returns them.

A = '/src/a.py'
B = '/src/b.py'
PYC = '/lib/mod.pyc'
PY = '/lib/mod.py'
UNK = '<unknown>'
EMOJI = '/src/\U0001F600.py'      # outside the BMP: UTF-16 surrogates in JS
WIDE = '/src/\uFF21.py'           # FULLWIDTH A: above the surrogates in UTF-16

HAND_ONE = [
    # ties on size and count that only the traceback can break
    (0, 100, [(A, 10)], 1),
    (0, 100, [(A, 2)], 1),
    (0, 100, [(B, 1)], 1),
    # the same lineno key reached from different callers
    (0, 40, [(A, 10), (B, 5)], 2),
    (0, 60, [(A, 10), (B, 7), (A, 30)], 7),
    # repeated frames within one traceback (recursion)
    (0, 32, [(A, 20), (A, 20), (A, 20), (B, 1)], 9),
    (0, 8, [(A, 20), (A, 21), (A, 20)], 3),
    # <unknown> frames, several domains
    (0, 7, [(UNK, 0)], 1),
    (1, 4096, [(UNK, 0)], 1),
    (2, 5, [(B, 5), (A, 2)], 2),
    (2, 5, [(B, 5)], 1),
    (12345, 2 * 1024 * 1024 + 17, [(B, 9), (UNK, 0)], 4),
    # .pyc names are only normalised by filters, not by statistics
    (0, 24, [(PYC, 3)], 1),
    (0, 24, [(PY, 3)], 1),
    (1, 16, [(PY, 4), (PYC, 3)], 2),
    # code-point ordering of non-ASCII file names
    (0, 300, [(EMOJI, 1)], 1),
    (0, 300, [(WIDE, 1)], 1),
    # averages that hit round-half-even and bigger units
    (0, 3, [('/src/odd.py', 1)], 1),
    (0, 2, [('/src/odd.py', 1)], 1),
    (0, 10 * 1024 * 1024 * 1024 + 5, [('/src/big.py', 1), (A, 99)], 2),
    (0, 1, [('/src/big.py', 1), (A, 98)], 2),
    (0, 0, [('/src/zero.py', 7)], 1),
    # a traceback whose total_nframe was never known (hand-built only)
    (0, 11, [('/src/none.py', 1)], None),
    # a traceback that is a prefix of another one (oldest-first)
    (0, 50, [('/src/p.py', 2), ('/src/p.py', 1)], 2),
    (0, 50, [('/src/p.py', 1)], 1),
    # patterns with shell metacharacters in the file name
    (0, 13, [('/src/we[i]rd?.py', 4)], 1),
]

HAND_TWO = [
    (0, 100, [(A, 10)], 1),          # unchanged
    (0, 250, [(A, 2)], 1),           # was 100
    (0, 40, [(A, 10), (B, 5)], 2),
    (0, 32, [(A, 20), (A, 20), (A, 20), (B, 1)], 9),
    (0, 32, [(A, 20), (A, 20), (A, 20), (B, 1)], 9),   # one more of the same
    (0, 7, [(UNK, 0)], 1),
    (1, 1024, [(UNK, 0)], 1),
    (2, 5, [(B, 5)], 1),
    (0, 24, [(PY, 3)], 1),
    (0, 300, [(EMOJI, 1)], 1),
    (0, 300, [(WIDE, 2)], 1),
    (0, 300, [('/src/new.py', 1)], 1),
    (0, 200, [('/src/new.py', 2)], 1),
    (0, 200, [('/src/gone.py', 2)], 1),
    (0, 5 * 1024 * 1024 * 1024, [('/src/big.py', 1), (A, 99)], 2),
    (0, 11, [('/src/none.py', 1)], None),
    (0, 50, [('/src/p.py', 1)], 1),
]

WITH_EMPTY = [
    (0, 64, [], 0),
    (0, 8, [(A, 1)], 1),
]


def build_hand(traces, limit):
    return tracemalloc.Snapshot(raw(traces), limit)


# ---------------------------------------------------------------------------
# Recorders.

KEY_CASES = [('filename', False), ('filename', True), ('lineno', False),
             ('lineno', True), ('traceback', False), ('traceback', True),
             ('bogus', False), ('bogus', True)]


# repr() is recorded for these only, to keep the fixture small
WITH_REPR = ('hand1', 'hand2', ('hand1', 'hand2', 'traceback'), ('hand1', 'hand2', 'lineno'))


def stats_record(stats, with_repr):
    out = {
        'lines': [attempt(lambda s=s: str(s)) for s in stats],
        'keys': [[[f.filename, f.lineno] for f in s.traceback] for s in stats],
    }
    if with_repr:
        out['reprs'] = [attempt(lambda s=s: repr(s)) for s in stats]
    return out


def record_statistics(name, snapshot):
    out = []
    for key, cumulative in KEY_CASES:
        entry = {'snapshot': name, 'keyType': key, 'cumulative': cumulative}
        res = attempt(lambda: snapshot.statistics(key, cumulative))
        if 'error' in res:
            entry['error'] = res['error']
        else:
            stats = res['ok']
            entry.update(stats_record(stats, name in WITH_REPR))
            entry['values'] = [[s.size, s.count] for s in stats]
        out.append(entry)
    return out


def record_compare(new_name, new, old_name, old):
    out = []
    for key, cumulative in KEY_CASES:
        entry = {'new': new_name, 'old': old_name, 'keyType': key, 'cumulative': cumulative}
        res = attempt(lambda: new.compare_to(old, key, cumulative))
        if 'error' in res:
            entry['error'] = res['error']
        else:
            diffs = res['ok']
            entry.update(stats_record(diffs, (new_name, old_name, key) in WITH_REPR))
            entry['values'] = [[d.size, d.size_diff, d.count, d.count_diff] for d in diffs]
        out.append(entry)
    return out


def make_filter(spec):
    if spec['type'] == 'DomainFilter':
        return tracemalloc.DomainFilter(spec['inclusive'], spec['domain'])
    return tracemalloc.Filter(spec['inclusive'], spec['pattern'], spec.get('lineno'),
                              spec.get('allFrames', False), spec.get('domain'))


def F(inclusive, pattern, lineno=None, all_frames=False, domain=None):
    spec = {'type': 'Filter', 'inclusive': inclusive, 'pattern': pattern}
    if lineno is not None:
        spec['lineno'] = lineno
    if all_frames:
        spec['allFrames'] = True
    if domain is not None:
        spec['domain'] = domain
    return spec


def D(inclusive, domain):
    return {'type': 'DomainFilter', 'inclusive': inclusive, 'domain': domain}


FILTER_CASES = [
    [],
    [F(True, A)],
    [F(False, A)],
    [F(True, '/src/*')],
    [F(False, '*b.py')],
    [F(True, '*', 10)],
    [F(False, '*', 10)],
    [F(True, A, 20)],
    [F(True, B, all_frames=True)],
    [F(False, B, all_frames=True)],
    [F(True, B, 5, all_frames=True)],
    [F(False, B, 5, all_frames=True)],
    [F(True, '*', domain=1)],
    [F(False, '*', domain=1)],
    [F(True, A, domain=0)],
    [F(False, A, domain=0)],
    [F(False, B, all_frames=True, domain=2)],
    [D(True, 1)],
    [D(False, 0)],
    [D(True, 12345), D(True, 2)],
    [F(True, '*.pyc')],
    [F(True, PYC)],
    [F(True, PY)],
    [F(False, '*.pyc', all_frames=True)],
    [F(True, '*.py?')],
    [F(True, '/src/?.py')],
    [F(True, '/src/[ab].py')],
    [F(True, '/src/[!a].py')],
    [F(True, '/src/[z-a]*')],
    [F(True, '/src/[!z-a]*')],
    [F(True, '/src/we[i]rd?.py')],
    [F(True, '/src/we[[]i]rd[?].py')],
    [F(True, UNK)],
    [F(True, '<*>')],
    [F(True, '/src/?.py')],
    [F(True, '/src/[\uff00-\uffff]*')],
    [F(True, '/virtual/app/alpha.py')],
    [F(True, '/virtual/app/beta.py', all_frames=True)],
    [F(False, '/virtual/app/main.py', all_frames=True)],
    [F(True, '*', 5)],
    [F(True, A), F(True, B), F(False, '*', 10), D(False, 2)],
    [F(False, A), F(False, B), F(True, '*', domain=0)],
    [D(False, 0), D(False, 1), D(False, 2)],
]


def real_filter_case(case):
    """The filter lists worth running on the real snapshots (their files are virtual)."""
    return not case or any(spec['type'] == 'DomainFilter'
                           or spec['pattern'].startswith(('/virtual/', '*'))
                           for spec in case)


def record_filters(name, snapshot):
    ids = {id(t): i for i, t in enumerate(snapshot.traces._traces)}
    out = []
    for case in FILTER_CASES:
        if name.startswith('real') and not real_filter_case(case):
            continue
        entry = {'snapshot': name, 'filters': case}
        filters = [make_filter(spec) for spec in case]
        entry['patterns'] = [getattr(f, 'filename_pattern', None) for f in filters]
        res = attempt(lambda: snapshot.filter_traces(filters))
        if 'error' in res:
            entry['error'] = res['error']
        else:
            entry['kept'] = [ids[id(t)] for t in res['ok'].traces._traces]
        out.append(entry)
    return out


FNMATCH_NAMES = [
    'a.py', 'b.py', 'ab.py', 'A.py', '-', ']', '[', '!', '^', 'b', 'c', 'z', '\\',
    '&', '[!]', '[]', '/x/a.py', 'a/b', 'a\nb.py', '.hidden', 'x.pyc', '',
    '\U0001F600.py', '\uFF21.py', '\u00e9', 'we[i]rd?.py', 'weird!.py',
]

FNMATCH_PATTERNS = [
    '*', '', '?', '*.py', 'a*', '*a*', '?.py', '??.py', '[ab].py', '[!a].py', '[a-c]',
    '[!a-c]', '[z-a]*', '[z-a]', '[!z-a]', '[a-]', '[-a]', '[!-a]', '[a--c]', '[]]',
    '[!]]', '[]', '[!]', '[', '[!', 'a[', '[^a]', '[\\]', '[a\\-z]', '[&&]', '[a-c-e]',
    '[--]', '[---]', '[!--]', '*\\*', '(x)*', 'A.py', '*.PY', 'a*b.py', '**', '*?*',
    '[\uff00-\uffff]*', '[\U0001F600]*', '*[.]py', 'we[[]i]rd[?].py', 'we*[!?].py',
    '[][!]', '[!][]', '[b-a-z]', '[a-b-a]', '[c-a-z]', '[%--]', '[+--]', '\\*',
]


def random_patterns(count, seed=2024):
    """Short patterns over an alphabet rich in bracket syntax (same list on every version)."""
    rng = random.Random(seed)
    alphabet = '[]!-ab^*?z\\c'
    return [''.join(rng.choice(alphabet) for _ in range(rng.randint(1, 7)))
            for _ in range(count)]


def record_fnmatch():
    """One row per pattern: a character per name, '1' match, '0' no match, 'e' error."""
    patterns = FNMATCH_PATTERNS + random_patterns(250)
    rows = []
    for pat in patterns:
        row = ''
        for name in FNMATCH_NAMES:
            res = attempt(lambda: fnmatch.fnmatch(name, pat))
            row += 'e' if 'error' in res else '1' if res['ok'] else '0'
        rows.append(row)
    return {'names': FNMATCH_NAMES, 'patterns': patterns, 'results': rows}


FORMAT_SIZES = [
    0, 1, 9, 10, 99, 100, 101, 999, 1000, 1023, 1024, 1025, 2047, 2048, 10239, 10240,
    10 * 1024 + 511, 10 * 1024 + 512, 10 * 1024 + 1536, 100 * 1024 - 1, 100 * 1024,
    100 * 1024 + 51, 100 * 1024 + 52, 1023 * 1024, 10 * 1024 * 1024 - 1, 1024 ** 2,
    10 * 1024 ** 2, 100 * 1024 ** 2, 1024 ** 3, 5 * 1024 ** 3 + 1, 1024 ** 4,
    99 * 1024 ** 4, 100 * 1024 ** 4, 10239 * 1024 ** 4, 1024 ** 5, 1024 ** 6, 10 ** 22,
    2.5, 3.5, 0.5, 1.5, 0.4, 0.6, 99.5, 100.5, 1234 / 7, 10240 * 1.00048828125,
    12.25 * 1024, 12.75 * 1024, 12.35 * 1024, 10.05 * 1024, 99.95 * 1024, 99.949 * 1024,
    1e30, 1e40, float('inf'), float('nan'),
    -1, -9, -10, -99, -100, -1023, -1024, -10239, -10240, -10 * 1024 - 512,
    -12.25 * 1024, -12.75 * 1024, -(1024 ** 3) * 3, -0.5, -2.5, -0.4, -1e40,
    float('-inf'),
]


def random_sizes(count, seed=2025):
    """Sizes over many magnitudes, and averages size / count (same list on every version)."""
    rng = random.Random(seed)
    sizes = []
    for _ in range(count):
        size = int(2 ** rng.uniform(0, 52))
        sizes.append(size)
        sizes.append(size / rng.randint(2, 9))
        sizes.append(-size)
    return sizes


def size_repr(size):
    if isinstance(size, float):
        return repr(size)
    return str(size)


def record_format_size():
    out = []
    for size in FORMAT_SIZES + random_sizes(40):
        for sign in (False, True):
            out.append([size_repr(size), sign, tracemalloc._format_size(size, sign)])
    return out


def record_tracebacks(traces):
    seen = []
    out = []
    for t in traces:
        key = (tuple(t[2]), t[3] if len(t) > 3 else None)
        if key in seen:
            continue
        seen.append(key)
        tb = tracemalloc.Traceback(*t[2:])
        entry = {
            'frames': [[f, l] for f, l in t[2]],
            'totalNframe': t[3] if len(t) > 3 else None,
            'len': len(tb),
            'str': attempt(lambda: str(tb)),
            'repr': repr(tb),
            'format': [],
        }
        for limit in (None, 0, 1, 2, -1, -2, -10):
            for recent in (False, True):
                entry['format'].append([limit, recent, tb.format(limit, recent)])
        out.append(entry)
    return out


def record_frames_and_traces(traces):
    frames = sorted({tracemalloc.Frame(f) for t in traces for f in t[2]})
    tbs = sorted({tracemalloc.Traceback(t[2]) for t in traces})
    return {
        'frameOrder': [[f.filename, f.lineno, str(f), repr(f)] for f in frames],
        'tracebackOrder': [[[f.filename, f.lineno] for f in tb] for tb in tbs],
        'traces': [[attempt(lambda t=t: str(tracemalloc.Trace(t))),
                    attempt(lambda t=t: repr(tracemalloc.Trace(t)))] for t in traces],
    }


def record_errors(hand):
    cases = {}
    cases['statistics(None)'] = attempt(lambda: hand.statistics(None))
    cases['statistics(3)'] = attempt(lambda: hand.statistics(3))
    cases["statistics('Lineno')"] = attempt(lambda: hand.statistics('Lineno'))
    cases["statistics(\"it's\")"] = attempt(lambda: hand.statistics("it's"))
    cases['filter_traces(None)'] = attempt(lambda: hand.filter_traces(None))
    cases['filter_traces(3)'] = attempt(lambda: hand.filter_traces(3))
    cases['start(0)'] = attempt(lambda: tracemalloc.start(0))
    cases['start(65536)'] = attempt(lambda: tracemalloc.start(65536))
    tracemalloc.stop()
    cases['Traceback(()).__str__'] = attempt(lambda: str(tracemalloc.Traceback(())))
    cases['Traceback[5]'] = attempt(lambda: tracemalloc.Traceback(((A, 1),))[5])
    cases['Snapshot(tuple).filter_traces([])'] = attempt(
        lambda: len(tracemalloc.Snapshot(tuple(raw(HAND_ONE)), 1).filter_traces([]).traces))
    return cases


# ---------------------------------------------------------------------------
# Live scenario through PyTraceMalloc_Track / PyTraceMalloc_Untrack.

LIVE_DOMAIN = 424242
UNIT = 2 ** 40   # fake block sizes are multiples of 1 TiB; Python's own
                 # allocations during the scenario stay far below one unit

LIVE_SRC = '''\
def capture():
    frame = sys._getframe(1)
    frames = []
    total = 0
    while frame is not None:
        if len(frames) < 2:
            frames.append([frame.f_code.co_filename, frame.f_lineno])
        total += 1
        frame = frame.f_back
    return frames, total


def track(ptr, size):
    seen = (capture(), TRACK(DOMAIN, ptr, size))
    return seen[0]


def untrack(ptr):
    UNTRACK(DOMAIN, ptr)


def alloc(ptr, size):
    return track(ptr, size)


def realloc(old, new, size):
    if old is not None and old != new:
        untrack(old)
    return track(new, size)


def free(ptr):
    untrack(ptr)
'''

LIVE_OPS = [
    ['alloc', 0x1000, 3],
    ['alloc', 0x2000, 5],
    ['realloc', 0x1000, 0x1000, 7],      # in place, grows
    ['realloc', 0x2000, 0x3000, 2],      # moved, shrinks
    ['free', 0x1000],
    ['alloc', 0x4000, 4],
    ['reset_peak'],
    ['realloc', 0x4000, 0x4000, 1],      # in place, shrinks
    ['free', 0x9999],                    # never traced: no-op
    ['realloc', None, 0x5000, 6],        # realloc(NULL, n) is an allocation
    ['alloc', 0x3000, 9],                # address already traced: replaced
    ['alloc', 0x6000, 1],
    ['realloc', 0x6000, 0x6000, 8],      # in place, grows past the peak
    ['clear_traces'],
    ['alloc', 0x7000, 2],
    ['free', 0x7000],
]


def live_scenario():
    api = ctypes.pythonapi
    api.PyTraceMalloc_Track.argtypes = (ctypes.c_uint, ctypes.c_size_t, ctypes.c_size_t)
    api.PyTraceMalloc_Track.restype = ctypes.c_int
    api.PyTraceMalloc_Untrack.argtypes = (ctypes.c_uint, ctypes.c_size_t)
    api.PyTraceMalloc_Untrack.restype = ctypes.c_int
    ns = {'sys': sys, 'TRACK': api.PyTraceMalloc_Track,
          'UNTRACK': api.PyTraceMalloc_Untrack, 'DOMAIN': LIVE_DOMAIN}
    exec(compile(LIVE_SRC, '/virtual/live.py', 'exec'), ns)

    steps = []
    tracemalloc.start(2)
    tracemalloc.clear_traces()
    for op in LIVE_OPS:
        kind = op[0]
        step = {'op': op}
        if kind == 'alloc':
            captured = ns['alloc'](op[1], op[2] * UNIT)
        elif kind == 'realloc':
            captured = ns['realloc'](op[1], op[2], op[3] * UNIT)
        elif kind == 'free':
            ns['free'](op[1])
            captured = None
        elif kind == 'reset_peak':
            if not hasattr(tracemalloc, 'reset_peak'):
                step['unsupported'] = True
                steps.append(step)
                continue
            tracemalloc.reset_peak()
            captured = None
        else:
            tracemalloc.clear_traces()
            captured = None
        current, peak = tracemalloc.get_traced_memory()
        step['memoryUnits'] = [current // UNIT, peak // UNIT]
        if captured is not None:
            step['frames'] = [list(f) for f in captured[0]]
            step['totalNframe'] = captured[1]
        snap = tracemalloc.take_snapshot().filter_traces(
            [tracemalloc.DomainFilter(True, LIVE_DOMAIN)])
        step['traces'] = sorted(jsonable_traces(snap.traces._traces), key=json.dumps)
        steps.append(step)
    limit = tracemalloc.get_traceback_limit()
    tracemalloc.stop()
    return {'domain': LIVE_DOMAIN, 'unit': UNIT, 'tracebackLimit': limit, 'steps': steps}


# ---------------------------------------------------------------------------

def main():
    out_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), 'tracemalloc-truth.json')

    real_one, real_two = real_snapshots()
    snapshots = {
        'real1': real_one,
        'real2': real_two,
        'hand1': build_hand(HAND_ONE, 4),
        'hand2': build_hand(HAND_TWO, 4),
        'withEmpty': build_hand(WITH_EMPTY, 1),
    }

    statistics = []
    for name, snap in snapshots.items():
        statistics.extend(record_statistics(name, snap))

    compare = []
    for new, old in (('hand1', 'hand2'), ('hand2', 'hand1'), ('real2', 'real1'),
                     ('hand1', 'withEmpty')):
        compare.extend(record_compare(new, snapshots[new], old, snapshots[old]))

    filters = []
    for name in ('hand1', 'real2', 'withEmpty'):
        filters.extend(record_filters(name, snapshots[name]))

    hand_traces = snapshots['hand1'].traces._traces + snapshots['withEmpty'].traces._traces
    truth = {
        'python': '%d.%d.%d' % sys.version_info[:3],
        'recordedBy': 'packages/tracing/src/tracemalloc/__fixtures__/record-truth.py',
        'snapshots': {
            name: {'tracebackLimit': snap.traceback_limit,
                   'traces': jsonable_traces(snap.traces._traces)}
            for name, snap in snapshots.items()
        },
        'statistics': statistics,
        'compare': compare,
        'filters': filters,
        'fnmatch': record_fnmatch(),
        'formatSize': record_format_size(),
        'tracebacks': record_tracebacks(hand_traces + snapshots['real2'].traces._traces[:5]),
        'objects': record_frames_and_traces(snapshots['hand1'].traces._traces),
        'errors': record_errors(snapshots['hand1']),
        'live': live_scenario(),
    }
    text = json.dumps(truth, ensure_ascii=True, separators=(',', ':'))
    with open(out_path, 'w', encoding='ascii') as fp:
        fp.write(text + '\n')
    print('wrote %s (%d bytes) with Python %s' % (out_path, len(text) + 1, truth['python']))


if __name__ == '__main__':
    main()
