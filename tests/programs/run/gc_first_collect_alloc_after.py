# A container made after the cycle became garbage: 3.8–3.11 may collect right at that
# allocation (refused there); 3.12+ only at the next eval-breaker check, which comes
# after gc.collect() has run.
import gc

x = {}
x['self'] = x
del x
y = [1, 2]
print(gc.collect())
