/**
 * The built-in samples: the seed documents' examples, each ending with a sentence
 * that states what the model showed (printed by the program, from its own results).
 * tests/playground-samples.test.ts runs each on real CPython 3.8–3.13 and on the model.
 */

/** One sample program. */
export interface Sample {
  /** Stable id (`?sample=` and tests). */
  readonly id: string;
  /** What it shows, for the picker. */
  readonly title: string;
  /** The program. */
  readonly source: string;
}

/** The samples, the first one shown when the page opens. */
export const SAMPLES: readonly Sample[] = [
  {
    id: 'template',
    title: 'The cached template’s .copy()',
    source: `import sys

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
`,
  },
  {
    id: 'small-ints',
    title: 'Small ints are cached',
    source: `n = 200
a = n + 56
b = n + 56
print(a, 'is', b, '->', a is b)
c = n + 57
d = n + 57
print(c, 'is', d, '->', c is d)
if a is b and c is not d:
    print("Ints from -5 to 256 are cached: every 256 is one object, every new 257 is a new one.")
`,
  },
  {
    id: 'reuse',
    title: 'A freed object’s memory is reused',
    source: `x = [1, 2, 3]
first = id(x)
del x
y = [4, 5, 6]
print(id(y) == first)
if id(y) == first:
    print("The freed list's memory went straight to the next list: same block, same id().")
else:
    print("The next list got a different block.")
`,
  },
  {
    id: 'cycle',
    title: 'A reference cycle and the collector',
    source: `import gc
gc.collect()
a = []
b = [a]
a.append(b)
print(len(a), len(b))
del a, b
found = gc.collect()
print(found)
print("The two lists kept each other alive after del; the collector found", found, "unreachable objects and freed them.")
`,
  },
];
