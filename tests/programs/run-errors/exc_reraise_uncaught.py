def f(n):
    try:
        return 10 // n
    except ZeroDivisionError:
        print("cleanup")
        raise
print(f(2))
print(f(0))
