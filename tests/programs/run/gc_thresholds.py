import gc
print(gc.get_threshold())
gc.set_threshold(5000)
print(gc.get_threshold())
gc.set_threshold(6000, 20)
print(gc.get_threshold())
gc.set_threshold(7000, 30, 40)
print(gc.get_threshold())
