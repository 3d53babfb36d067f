class Ghost:
    def __del__(self):
        print("bye")
g = Ghost()
print("still here")
