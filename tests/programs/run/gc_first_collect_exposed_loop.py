# Each call makes a container while the last call's cycle is garbage: CPython may
# collect it automatically there, so the first collection is not the model's to tell.
import gc


def make():
    l = [None]
    l[0] = l


for i in range(3):
    make()
print(gc.collect())
