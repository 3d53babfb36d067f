import sys
class Ticket:
    issued = 0
    def __init__(self):
        Ticket.issued = Ticket.issued + 1
        self.number = Ticket.issued
tickets = []
for i in range(5):
    tickets.append(Ticket())
print(Ticket.issued, tickets[4].number, tickets[0].issued)
t = tickets[2]
print(t.number, sys.getrefcount(t))
del tickets
print(sys.getrefcount(t))
