for i in range(4):
    try:
        if i == 0:
            [][1]
        elif i == 1:
            {}["k"]
        elif i == 2:
            1 % 0
        else:
            print("no error")
    except (KeyError, IndexError) as e:
        print("lookup", i, repr(e))
    except ArithmeticError as e:
        print("arith", i, e)
    else:
        print("else", i)
    finally:
        print("finally", i)
