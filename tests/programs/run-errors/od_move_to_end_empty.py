import collections

od = collections.OrderedDict()
od.move_to_end(('t', 1))
