counter = 0
history = []
def bump(step=1):
    global counter
    counter = counter + step
    history.append(counter)
    return counter
bump()
bump(step=5)
bump(10)
print(counter, history)
def reset():
    global counter, history
    counter = 0
    history = []
reset()
print(counter, history)
