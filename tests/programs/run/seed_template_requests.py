import sys
TEMPLATE = {'status': 'ok', 'user_id': None, 'items': [], 'total': 0}

def new_response(user_id):
    return {'status': 'ok', 'user_id': user_id, 'items': [], 'total': 0}

def copied_response(user_id):
    r = TEMPLATE.copy()
    r['user_id'] = user_id
    r['items'] = []
    return r

n = 1
while n <= 3:
    a = new_response(n)
    b = copied_response(n)
    print(n, sys.getsizeof(a), sys.getsizeof(b), a == b, len(a), len(b))
    n += 1
