import sys
TEMPLATE = {'status': 'ok', 'user_id': 0, 'items': None, 'total': 0, 'currency': 'EUR'}

def process_request_literal(user_id, total):
    response = {'status': 'ok', 'user_id': user_id, 'items': None, 'total': total, 'currency': 'EUR'}
    return sys.getsizeof(response)

def process_request_copy(user_id, total):
    response = TEMPLATE.copy()
    response['user_id'] = user_id
    response['total'] = total
    return sys.getsizeof(response)

n = 0
while n < 3:
    print(process_request_literal(n, n * 2), process_request_copy(n, n * 2))
    n += 1
print(sys.getsizeof(TEMPLATE))
