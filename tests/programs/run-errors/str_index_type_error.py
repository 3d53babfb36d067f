word = "pymem"
print(word[0])
print(word["0"])
