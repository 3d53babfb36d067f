a = 17
b = 5
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** 2)
print(-a // b, -a % b, a // -b, a % -b)
c = 2.5
print(c * 2, c / 2, c // 1, c % 1, -c // 1, -c % 2)
print(2 ** 100, 2 ** -1, (-2) ** 3)
big = 10 ** 20
print(big * big, big // 7, big % 7)
print(1 / 3, 2 / 3, 10 / 4, 1e300 * 10)
print(0.1 + 0.2, 1.1 * 3, 100.0, 1e16, 1e-5, 123456789.125)
print(-0.0, 0.0 == -0.0, 7 // 2, 7.0 // 2)
print(True + True, True * 10, -True)
