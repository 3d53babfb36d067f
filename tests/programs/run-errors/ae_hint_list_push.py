# A method another language has: list.push is no list method (no hint is near enough).
stack = [1, 2]
stack.push(3)
