# A print between the garbage and the first collection: CPython's print may make
# containers the model does not, so an automatic collection may have freed the cycle.
import gc

x = []
x.append(x)
del x
print('made garbage')
print(gc.collect())
