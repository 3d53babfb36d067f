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

literal = process_request_literal(7, 100)
copied = process_request_copy(7, 100)
print(f"A new dict literal takes {literal} bytes; the template's copy takes {copied} bytes.")
if literal == copied:
    print("So copying a cached template saves no memory per request.")
else:
    print("So the two ways of building a response differ in size.")
