import gc
gc.disable()
class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
holder = []
o = D('o0')
p = D('p0')
q = D('q0')
holder.append(q)
holder.append(o)
o.me = o
p.me = p
q.me = q
o, p = p, o
print('collected', gc.collect())
o = p = q = None
holder = None
print('collected', gc.collect())
r = D('r0')
s = D('s0')
r.me = r
s.me = s
r, s = s, r
print('collected', gc.collect())
r = s = None
print('collected', gc.collect())
