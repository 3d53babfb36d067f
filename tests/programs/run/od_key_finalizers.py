# Instances as keys: the node and the entry each hold one; the key dies with the last.
import collections


class Key:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del key', self.name)


class Value:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del value', self.name)


od = collections.OrderedDict()
k1 = Key(1)
od[k1] = Value(1)
od[Key(2)] = Value(2)
od[Key(3)] = Value(3)
print(len(od), k1 in od)
del k1
print('move')
od.move_to_end(list(od)[0])
print('clear')
od.clear()
od[Key(4)] = Value(4)
od[Key(5)] = Value(5)
print('del')
del od
print('end')
