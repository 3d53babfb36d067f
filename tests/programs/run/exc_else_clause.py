def run(v):
    try:
        r = 10 // v
    except ZeroDivisionError:
        return "zero"
    else:
        return "ok " + str(r)
    finally:
        print("done", v)
print(run(1))
print(run(0))
