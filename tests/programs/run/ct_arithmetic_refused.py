# Counter's + - & | and unary +/- are Python code (new Counters, _keep_positive): refused.
import collections

c = collections.Counter('aabc')
d = collections.Counter('abd')
print(c, d)
print(c + d)
