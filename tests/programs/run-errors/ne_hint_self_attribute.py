# A method reading its instance's attribute as a bare name: 3.12+ suggest self.size.
class A:
    def __init__(self):
        self.size = 3
    def get(self):
        return size
A().get()
