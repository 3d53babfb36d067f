import gc
gc.collect()
class Registry:
    def get(self):
        return 1
Registry.default = Registry()
print(Registry.default.get())
del Registry
print(gc.collect())
