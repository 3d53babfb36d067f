import random
random.seed(42)
print(random.random())
print(random.randint(1, 100), random.choice("abcdef"), random.choice(["x", "y"]))
letters = [random.choice("héllo€") for _ in range(8)]
print(letters)
print(round(random.uniform(1, 2), 6))
try:
    random.choice("")
except IndexError as e:
    print("IndexError:", e)
try:
    random.choice([])
except IndexError as e:
    print("IndexError:", e)
