"""Instances and classes, measured: runs the steps given as JSON (argv[1]), each
compiled under its own file name, with tracemalloc on (argv[1]: {"steps": [...],
"names": [...]}); prints, per step, the request
sizes of the blocks it allocated that are still alive at the end, and per name
sys.getsizeof, gc.is_tracked and sys.getrefcount. Classes C, S, W, D, E, F, G, H, J, P, Q, R,
`outer` (a closure
factory, called twice) and `k` (an instance of K with a method) are defined and the
dict, list, 1-tuple and (3.8) bound-method free lists filled, then the dict and
dict-keys free lists drained, before tracing (the model does the same)."""
import gc, json, sys, tracemalloc

spec = json.loads(sys.argv[1])
steps = spec['steps']
# Every name the steps bind exists beforehand, so no step resizes the namespace dict.
ns = {name: None for name in spec['names']}
exec(compile('''
import sys, weakref
class C: pass
class S:
    __slots__ = ('a', 'b')
class W:
    __slots__ = ('a', '__weakref__')
class D:
    def __del__(self): pass
class E: pass
class F: pass
class G: pass
class H: pass
class J: pass
class P: pass
class Q: pass
class R: pass
def outer():
    x = [1]
    def inner():
        return x
    return inner
outer(); outer()
class K:
    def meth(self):
        pass
k = K()
''', '<classes>', 'exec'), ns)
exec(compile('_ms = [k.meth for _ in range(300)]\ndel _ms', '<fill>', 'exec'), ns)
_fill = [{} for _ in range(200)] + [[] for _ in range(200)] + [(i,) for i in range(3000)]
del _fill
gc.disable()
codes = [compile(src, '<step-%d>' % i, 'exec') for i, src in enumerate(steps)]
# The keys free list may hold tables made before tracing: 100 one-key dicts kept
# alive drain it, so that the steps' keys tables come from the allocator.
_keep = [{0: 0} for _ in range(100)]
tracemalloc.start(25)
for code in codes:
    exec(code, ns)
snap = tracemalloc.take_snapshot()
tracemalloc.stop()
live = [[] for _ in steps]
for trace in snap.traces:
    # The step a block belongs to: the innermost step frame of its traceback (a
    # function the step called, e.g. outer(), allocates on the step's behalf).
    for frame in trace.traceback:
        if frame.filename.startswith('<step-'):
            live[int(frame.filename[6:-1])].append(trace.size)
            break


def immortal(value, refs):
    is_immortal = getattr(sys, '_is_immortal', None)  # 3.14
    return is_immortal(value) if is_immortal else refs >= 2 ** 31


def report(names):
    """Per name: size, tracking and count (a local here: 3.14 passes it borrowed)."""
    out = {}
    for name in names:
        value = ns[name]
        if value is None:  # never bound by these steps
            continue
        refs = sys.getrefcount(value)  # an immortal's count stays what it is
        out[name] = {
            'size': sys.getsizeof(value),
            'tracked': gc.is_tracked(value),
            # minus `value` here; the argument's reference stays, as the model's getrefcount counts it
            'refs': refs if immortal(value, refs) else refs - 1,
        }
    return out


objects = report(spec['report'])
print(json.dumps({'live': [sorted(sizes) for sizes in live], 'objects': objects}))
