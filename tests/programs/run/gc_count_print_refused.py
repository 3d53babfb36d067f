# print() makes containers inside the io stack (how many depends on the buffer), so the
# count after it is not the model's: refused, naming the print.
import gc

gc.collect()
print(gc.get_count())
print(gc.get_count())
