area = lambda w, h=1: w * h
print(area(3))
print(area(3, h=4))
print(area(h=5, w=2))
