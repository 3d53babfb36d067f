# A name near a module's private one: 3.13 leaves underscored names out (the frame's
# self is not the module).
import random
def roll():
    return random.inst
roll()
