import sys
class Config:
    size = 1000
    name = "cfg"
    def get_size(self):
        return self.size
c = Config()
print(c.size, Config.size, c.get_size())
print(c.size is Config.size)
c.size = 5
print(c.size, Config.size, c.get_size())
del c.size
print(c.size)
Config.size = 7
print(c.size, c.get_size())
print(len(c.__dict__))
