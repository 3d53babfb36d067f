# A method with keyword-only defaults: its function object holds a __kwdefaults__ dict.
import gc
import sys

gc.collect()


class Formatter:
    def render(self, text, *, width=10, fill='.'):
        return text.ljust(width, fill)

    def plain(self, text):
        return text


f = Formatter()
print(f.render('ab'), f.render('ab', width=4), f.render('ab', fill='-', width=5))
g = Formatter()
print(g.render(text='xy', width=3), sys.getsizeof(g))
del Formatter, f, g
print(gc.collect())
