def make():
    return ValueError("made elsewhere")
def fire():
    e = make()
    raise e
fire()
