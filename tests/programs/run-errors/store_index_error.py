values = [1, 2]
values[0] = 5
values[2] = 7
