/*
 * heap_snapshot.c - `pymem_record.snapshot(label)`: the heap of the recorded
 * process, written as .pmt extension records of kind 3 (docs/formats/pmt.md,
 * "Heap snapshots").  Included by pymem_launcher.c, whose buffer, record and
 * varint helpers it uses; it has no other caller.
 *
 * Why a C walker inside the launcher (and not Python code, gc.get_objects()
 * and gc.get_referents()): a Python-level walk creates a list per call, bound
 * methods, ints and frames, all of them GC objects that move gc's counts,
 * can trigger a collection in the middle of the walk (3.8-3.11 collect on
 * allocation) and survive in free lists.  Here the generation lists are read
 * in place and every referent comes from Py_TYPE(o)->tp_traverse with a C
 * visit function, so the walk itself allocates nothing through Python; all
 * bookkeeping lives on libc malloc.
 *
 * What is read, per object (models the fields Modules/gcmodule.c 3.8-3.12
 * and Python/gc.c 3.13 read):
 *   generation lists    struct _gc_runtime_state (interp->gc 3.9+,
 *                       _PyRuntime.gc 3.8): generations[3] at offset 24,
 *                       generation0 at 96, permanent_generation at 104 in
 *                       every version 3.8-3.13 (checked once at start, see
 *                       snapshot_init: generation0 must point at
 *                       generations[0])
 *   PyGC_Head           two words before the object: _gc_next (0 = not
 *                       tracked), _gc_prev (bit 0 = FINALIZED)
 *   size                _PySys_GetSizeOf, which is sys.getsizeof
 *   weakrefs            the list at tp_weaklistoffset (PyWeakReference
 *                       wr_next chain); 3.12+ static builtin types keep
 *                       theirs elsewhere and are reported without any
 *
 * Non-perturbation:
 *   1. Automatic collection is switched off for the walk (gcstate->enabled)
 *      and gc's three counts are put back afterwards, so the temporaries of
 *      sys.getsizeof (a bound method, an int: allocated and freed inside the
 *      walk, recorded as ordinary events before the snapshot) change neither
 *      when the program's next collection happens nor what it finds.
 *   2. Nothing created by the walk outlives it; the records are assembled in
 *      libc memory and written after the walk, all at one position of the
 *      event stream, right after the mark of the same label.
 *   3. No Python code runs: an object whose type's __sizeof__ is a Python
 *      function gets no size (recorded as unknown) rather than running it,
 *      which could also let another thread run and change the heap mid-walk.
 */

#if PY_VERSION_HEX >= 0x030D0000
/* Still exported, but declared only in internal headers since 3.13. */
PyAPI_FUNC(size_t) _PySys_GetSizeOf(PyObject *);
#endif

/* PyGC_Head as laid out 3.8-3.13. */
typedef struct {
    uintptr_t next;
    uintptr_t prev;
} snap_gc_head;

typedef struct {
    snap_gc_head head;
    int threshold;
    int count;
} snap_generation;

#define SNAP_GENERATIONS_AT 24
#define SNAP_GENERATION0_AT 96
#define SNAP_PERMANENT_AT 104
#define SNAP_ENABLED_AT 12
#define SNAP_FINALIZED_BIT 1u

/* Parts of a heap snapshot: the first varint of each kind 3 payload. */
#define SNAP_PART_BEGIN 0
#define SNAP_PART_TYPES 1
#define SNAP_PART_OBJECTS 2
#define SNAP_PART_END 3

/* Object flags (varint): bits 0-5, then the generation code from bit 6. */
#define SNAP_TRACKED 1u
#define SNAP_FINALIZED 2u
#define SNAP_IS_GC 4u
#define SNAP_IS_WEAKREF 8u
#define SNAP_HAS_CALLBACK 16u
#define SNAP_IMMORTAL 32u
#define SNAP_GENERATION_SHIFT 6
#define SNAP_LABELLED 512u /* a module: its __name__ follows the object */

/* Edge names (the kind of a named referent). */
#define SNAP_EDGE_INDEX 1     /* varint: list or tuple index */
#define SNAP_EDGE_KEY 2       /* string: dict key (an ASCII str) */
#define SNAP_EDGE_INT_KEY 3   /* zigzag: dict key (an int) */
#define SNAP_EDGE_ATTRIBUTE 4 /* string: attribute (a module's or an instance's __dict__) */
#define SNAP_GEN_PERMANENT 3u
#define SNAP_GEN_NONE 4u

/* Type flags (varint). */
#define SNAP_TYPE_FINALIZER 1u
#define SNAP_TYPE_LEGACY_DEL 2u
#define SNAP_TYPE_TUPLE 4u
#define SNAP_TYPE_DICT 8u

#define SNAP_BATCH_BYTES (1u << 16) /* objects part payload, about */

static char *snap_gcstate; /* NULL: snapshots unavailable */
static PyObject *snap_module_key; /* interned "__module__" */
static PyObject *snap_sizeof_key; /* interned "__sizeof__" */
static PyObject *snap_name_key; /* interned "__name__" */

/* Address -> index, open addressing on libc malloc (keys never 0). */
typedef struct {
    uintptr_t *keys;
    uint32_t *values;
    size_t cap, count;
    int failed;
} snap_map;

static int64_t snap_map_get(const snap_map *m, uintptr_t key)
{
    if (m->cap == 0)
        return -1;
    for (size_t i = mix64(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (m->keys[i] == key)
            return m->values[i];
        if (m->keys[i] == 0)
            return -1;
    }
}

static void snap_map_put(snap_map *m, uintptr_t key, uint32_t value)
{
    if (m->failed)
        return;
    if (2 * (m->count + 1) > m->cap) {
        size_t cap = m->cap ? 2 * m->cap : 4096;
        uintptr_t *keys = calloc(cap, sizeof *keys);
        uint32_t *values = malloc(cap * sizeof *values);
        if (keys == NULL || values == NULL) {
            free(keys);
            free(values);
            m->failed = 1;
            return;
        }
        for (size_t j = 0; j < m->cap; j++) {
            if (m->keys[j] == 0)
                continue;
            size_t i = mix64(m->keys[j]) & (cap - 1);
            while (keys[i] != 0) i = (i + 1) & (cap - 1);
            keys[i] = m->keys[j];
            values[i] = m->values[j];
        }
        free(m->keys);
        free(m->values);
        m->keys = keys;
        m->values = values;
        m->cap = cap;
    }
    size_t i = mix64(key) & (m->cap - 1);
    while (m->keys[i] != 0 && m->keys[i] != key) i = (i + 1) & (m->cap - 1);
    if (m->keys[i] == 0)
        m->count++;
    m->keys[i] = key;
    m->values[i] = value;
}

typedef struct {
    PyObject **objects;
    uint8_t *generation;
    size_t count, cap;
    snap_map index;  /* object address -> index */
    snap_map types;  /* type address -> type id */
    uint32_t type_count;
    uint32_t *refs;  /* referents of the object being visited */
    size_t ref_count, ref_cap;
    int failed;
} snap_walk;

/* Adds o (if new) and returns its index, or -1 when out of memory. */
static int64_t snap_add(snap_walk *w, PyObject *o, uint8_t generation)
{
    int64_t known = snap_map_get(&w->index, (uintptr_t)o);
    if (known >= 0)
        return known;
    if (w->count == w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 4096;
        PyObject **objects = realloc(w->objects, cap * sizeof *objects);
        if (objects == NULL) {
            w->failed = 1;
            return -1;
        }
        w->objects = objects;
        uint8_t *gens = realloc(w->generation, cap);
        if (gens == NULL) {
            w->failed = 1;
            return -1;
        }
        w->generation = gens;
        w->cap = cap;
    }
    uint32_t i = (uint32_t)w->count++;
    w->objects[i] = o;
    w->generation[i] = generation;
    snap_map_put(&w->index, (uintptr_t)o, i);
    if (w->index.failed)
        w->failed = 1;
    return i;
}

static int snap_visit(PyObject *o, void *arg)
{
    snap_walk *w = arg;
    if (o == NULL)
        return 0;
    int64_t i = snap_add(w, o, SNAP_GEN_NONE);
    if (i < 0)
        return 0;
    if (w->ref_count == w->ref_cap) {
        size_t cap = w->ref_cap ? 2 * w->ref_cap : 256;
        uint32_t *refs = realloc(w->refs, cap * sizeof *refs);
        if (refs == NULL) {
            w->failed = 1;
            return 0;
        }
        w->refs = refs;
        w->ref_cap = cap;
    }
    w->refs[w->ref_count++] = (uint32_t)i;
    return 0;
}

static void snap_add_list(snap_walk *w, char *gen, uint8_t code)
{
    snap_gc_head *head = (snap_gc_head *)gen;
    for (uintptr_t p = head->next; p != (uintptr_t)head && p != 0;
         p = ((snap_gc_head *)p)->next)
        snap_add(w, (PyObject *)((snap_gc_head *)p + 1), code);
}

/* "module" and "qualname" of a type, as type.__module__ / __qualname__ give
   them for heap types and static types; nothing here allocates except the
   UTF-8 cache of a non-ASCII name. */
static void snap_type_names(PyTypeObject *t, bytes_t *out)
{
    const char *module = "builtins", *qualname = t->tp_name;
    size_t module_len = 8, qualname_len = strlen(t->tp_name);
    if (t->tp_flags & Py_TPFLAGS_HEAPTYPE) {
        PyObject *q = ((PyHeapTypeObject *)t)->ht_qualname;
        Py_ssize_t n = 0;
        const char *s = (q && PyUnicode_Check(q)) ? PyUnicode_AsUTF8AndSize(q, &n) : NULL;
        if (s != NULL) {
            qualname = s;
            qualname_len = (size_t)n;
        }
        PyObject *m = t->tp_dict ? PyDict_GetItem(t->tp_dict, snap_module_key) : NULL;
        s = (m && PyUnicode_Check(m)) ? PyUnicode_AsUTF8AndSize(m, &n) : NULL;
        if (s != NULL) {
            module = s;
            module_len = (size_t)n;
        }
        PyErr_Clear();
    } else {
        const char *dot = strrchr(t->tp_name, '.');
        if (dot != NULL) {
            module = t->tp_name;
            module_len = (size_t)(dot - t->tp_name);
            qualname = dot + 1;
            qualname_len = strlen(qualname);
        }
    }
    b_string(out, module, module_len, 1);
    b_string(out, qualname, qualname_len, 1);
}

static uint32_t snap_type_id(snap_walk *w, PyTypeObject *t, bytes_t *types)
{
    int64_t known = snap_map_get(&w->types, (uintptr_t)t);
    if (known >= 0)
        return (uint32_t)known;
    uint32_t id = w->type_count++;
    snap_map_put(&w->types, (uintptr_t)t, id);
    if (w->types.failed)
        w->failed = 1;
    unsigned flags = 0;
    /* 3.8 heap types with __del__ leave Py_TPFLAGS_HAVE_FINALIZE unset (checked
       live): from 3.8 on the slot alone decides, as in finalize_garbage. */
    if (t->tp_finalize != NULL)
        flags |= SNAP_TYPE_FINALIZER;
    if (t->tp_del != NULL)
        flags |= SNAP_TYPE_LEGACY_DEL;
    if (t == &PyTuple_Type)
        flags |= SNAP_TYPE_TUPLE;
    if (t == &PyDict_Type)
        flags |= SNAP_TYPE_DICT;
    b_varint(types, id);
    snap_type_names(t, types);
    b_varint(types, flags);
    return id;
}

/* The weakref list of o, or NULL (no list, or one this file cannot reach). */
static PyObject *snap_weaklist(PyObject *o)
{
    PyTypeObject *t = Py_TYPE(o);
    if (t->tp_weaklistoffset == 0)
        return NULL;
#if PY_VERSION_HEX >= 0x030C0000
    if (PyType_Check(o) && !(((PyTypeObject *)o)->tp_flags & Py_TPFLAGS_HEAPTYPE))
        return NULL; /* static builtin types: the list lives in the interpreter */
#endif
    return *(PyObject **)((char *)o + t->tp_weaklistoffset);
}

/* The characters of an ASCII str without allocating (its UTF-8 is its data),
   or NULL. */
static const char *snap_ascii(PyObject *s, Py_ssize_t *n)
{
    if (s == NULL || !PyUnicode_Check(s))
        return NULL;
#if PY_VERSION_HEX < 0x030C0000
    if (!PyUnicode_IS_READY(s))
        return NULL;
#endif
    if (!PyUnicode_IS_ASCII(s))
        return NULL;
    *n = PyUnicode_GET_LENGTH(s);
    return (const char *)PyUnicode_DATA(s);
}

#define SNAP_USED UINT32_MAX

#if PY_VERSION_HEX >= 0x030B0000
/* The head of a PyDictKeysObject as laid out 3.11-3.13 (default builds):
   Include/internal/pycore_dict.h struct _dictkeysobject; dk_indices follow,
   then the entries, at 1 << log2_index_bytes past them. */
typedef struct {
    Py_ssize_t refcnt;
    uint8_t log2_size;
    uint8_t log2_index_bytes;
    uint8_t kind;
    uint32_t version;
    Py_ssize_t usable;
    Py_ssize_t nentries;
} snap_dict_keys;
#define SNAP_DICT_KEYS_SPLIT 2

/* 3.11+ instances of a class whose attributes live in a values array beside
   the class's shared keys (ht_cached_keys), with no __dict__ object: value i
   is the attribute named by entry i's key.  Where the values array is
   (Include/internal/pycore_object.h):
     3.11  a PyDictValues pointer four words before the object; NULL when a
           dict took over, which is then three words before it
     3.12  one word three before the object: the values pointer minus one,
           tagged with bit 0, else the dict
     3.13  inline after the PyObject header (Py_TPFLAGS_INLINE_VALUES), its
           4-byte prefix then the values, used while `valid`; else the dict
           three words before the object
   Writes the names of o's referents found there (or `__dict__` for the dict)
   into tmp, returns how many; nothing here calls into Python. */
static size_t snap_instance_edges(snap_walk *w, PyObject *o, size_t nrefs, bytes_t *tmp)
{
    PyTypeObject *tp = Py_TYPE(o);
    PyObject **values = NULL;
    PyObject *dict = NULL;
#if PY_VERSION_HEX >= 0x030D0000
    if (tp->tp_flags & Py_TPFLAGS_INLINE_VALUES) {
        if (tp->tp_basicsize != (Py_ssize_t)sizeof(PyObject))
            return 0;
        uint8_t *prefix = (uint8_t *)o + sizeof(PyObject);
        if (prefix[3]) /* valid */
            values = (PyObject **)(prefix + sizeof(PyObject *));
    }
    if (values == NULL)
        dict = ((PyObject **)o)[-3];
#elif PY_VERSION_HEX >= 0x030C0000
    uintptr_t dorv = ((uintptr_t *)o)[-3];
    if (dorv & 1)
        values = (PyObject **)(dorv + 1);
    else
        dict = (PyObject *)dorv;
#else
    values = ((PyObject ***)o)[-4];
    if (values == NULL)
        dict = ((PyObject **)o)[-3];
#endif
    size_t e = 0;
    if (values == NULL) {
        for (size_t p = 0; dict != NULL && p < nrefs; p++) {
            if (w->objects[w->refs[p]] != dict)
                continue;
            b_varint(tmp, p);
            b_varint(tmp, SNAP_EDGE_ATTRIBUTE);
            b_string(tmp, "__dict__", 8, 0);
            return 1;
        }
        return 0;
    }
    snap_dict_keys *keys = (snap_dict_keys *)((PyHeapTypeObject *)tp)->ht_cached_keys;
    if (keys == NULL || keys->kind != SNAP_DICT_KEYS_SPLIT || keys->log2_index_bytes > 40 ||
        keys->nentries < 0 || keys->nentries > ((Py_ssize_t)1 << keys->log2_size))
        return 0;
    PyObject **entries =
        (PyObject **)((char *)(keys + 1) + ((size_t)1 << keys->log2_index_bytes));
    uint8_t *named = calloc(nrefs ? nrefs : 1, 1);
    if (named == NULL)
        return 0;
    for (Py_ssize_t i = 0; i < keys->nentries; i++) {
        PyObject *value = values[i];
        if (value == NULL)
            continue;
        for (size_t p = 0; p < nrefs; p++) {
            if (named[p] || w->objects[w->refs[p]] != value)
                continue;
            Py_ssize_t n;
            const char *text = snap_ascii(entries[2 * i], &n); /* me_key of a unicode entry */
            if (text != NULL) {
                b_varint(tmp, p);
                b_varint(tmp, SNAP_EDGE_ATTRIBUTE);
                b_string(tmp, text, (size_t)n, 1);
                e++;
            }
            named[p] = 1;
            break;
        }
    }
    free(named);
    return e;
}
#endif

/* Names of o's referents where they are cheap to find (w->refs[0..nrefs) are
   its referents): list and tuple indexes, dict keys that are ASCII strs or
   ints, a module's or an instance's __dict__, and 3.11+ an instance's
   attributes kept beside its class's shared keys (snap_instance_edges).  Matched by pointer, so the
   order tp_traverse visits them in does not matter.  Writes `varint e` and
   e x (varint position in the referents, varint edge kind, payload). */
static void snap_edges(snap_walk *w, PyObject *o, size_t nrefs, bytes_t *out, bytes_t *tmp)
{
    size_t e = 0;
    tmp->n = 0;
    if (PyList_Check(o) || PyTuple_Check(o)) {
        int list = PyList_Check(o);
        Py_ssize_t size = list ? PyList_GET_SIZE(o) : PyTuple_GET_SIZE(o);
        PyObject **items = list ? ((PyListObject *)o)->ob_item : ((PyTupleObject *)o)->ob_item;
        for (size_t p = 0; p < nrefs && (Py_ssize_t)p < size; p++) {
            PyObject *r = w->objects[w->refs[p]];
            Py_ssize_t i = items[size - 1 - (Py_ssize_t)p] == r ? size - 1 - (Py_ssize_t)p
                         : items[p] == r                      ? (Py_ssize_t)p
                                                               : -1;
            if (i < 0)
                continue;
            b_varint(tmp, p);
            b_varint(tmp, SNAP_EDGE_INDEX);
            b_varint(tmp, (uint64_t)i);
            e++;
        }
    } else if (PyDict_Check(o)) {
        snap_map first = {0}; /* referent address -> its first position */
        for (size_t p = 0; p < nrefs; p++) {
            uintptr_t r = (uintptr_t)w->objects[w->refs[p]];
            if (snap_map_get(&first, r) < 0)
                snap_map_put(&first, r, (uint32_t)p);
        }
        Py_ssize_t pos = 0;
        PyObject *key, *value;
        while (!first.failed && PyDict_Next(o, &pos, &key, &value)) {
            int64_t p = snap_map_get(&first, (uintptr_t)value);
            if (p < 0 || (uint32_t)p == SNAP_USED)
                continue;
            Py_ssize_t n;
            const char *text = snap_ascii(key, &n);
            if (text != NULL) {
                b_varint(tmp, (uint64_t)p);
                b_varint(tmp, SNAP_EDGE_KEY);
                b_string(tmp, text, (size_t)n, 1);
                e++;
            } else if (PyLong_CheckExact(key)) {
                int overflow = 0;
                long long x = PyLong_AsLongLongAndOverflow(key, &overflow);
                if (!overflow && !(x == -1 && PyErr_Occurred())) {
                    b_varint(tmp, (uint64_t)p);
                    b_varint(tmp, SNAP_EDGE_INT_KEY);
                    b_varint(tmp, ((uint64_t)x << 1) ^ (uint64_t)(x >> 63));
                    e++;
                }
                PyErr_Clear();
            }
            snap_map_put(&first, (uintptr_t)value, SNAP_USED);
        }
        free(first.keys);
        free(first.values);
#if PY_VERSION_HEX >= 0x030B0000
    } else if ((Py_TYPE(o)->tp_flags & Py_TPFLAGS_MANAGED_DICT) &&
               (Py_TYPE(o)->tp_flags & Py_TPFLAGS_HEAPTYPE)) {
        e += snap_instance_edges(w, o, nrefs, tmp);
#endif
    } else {
        PyObject *dict = NULL;
        if (PyModule_Check(o))
            dict = PyModule_GetDict(o);
        else if (Py_TYPE(o)->tp_dictoffset > 0)
            dict = *(PyObject **)((char *)o + Py_TYPE(o)->tp_dictoffset);
        for (size_t p = 0; dict != NULL && p < nrefs; p++) {
            if (w->objects[w->refs[p]] != dict)
                continue;
            b_varint(tmp, p);
            b_varint(tmp, SNAP_EDGE_ATTRIBUTE);
            b_string(tmp, "__dict__", 8, 0);
            e++;
            break;
        }
    }
    b_varint(out, e);
    b_put(out, tmp->p, tmp->n);
}

/* One ext kind 3 record around payload[0..n) into the current output. */
static void snap_emit_locked(const bytes_t *payload)
{
    bytes_t r = {0};
    uint8_t tag = PMT_K_EXTENSION;
    b_put(&r, &tag, 1);
    b_varint(&r, PMT_EXT_HEAP_SNAPSHOT);
    b_varint(&r, payload->n);
    b_put(&r, payload->p, payload->n);
    if (!r.failed)
        pmt_record(r.p, r.n);
    free(r.p);
}

/* Finds gc's state from a fresh list, which PyList_New appends to
   generations[0]: its _gc_next is that list's head.  Run once at start. */
static void snapshot_init(void)
{
    snap_module_key = PyUnicode_InternFromString("__module__");
    snap_sizeof_key = PyUnicode_InternFromString("__sizeof__");
    snap_name_key = PyUnicode_InternFromString("__name__");
    PyObject *probe = PyList_New(0);
    if (probe == NULL || snap_module_key == NULL || snap_sizeof_key == NULL ||
        snap_name_key == NULL) {
        PyErr_Clear();
        Py_XDECREF(probe);
        return;
    }
    char *gen0 = (char *)((snap_gc_head *)probe - 1)->next;
    Py_DECREF(probe);
    if (gen0 != NULL &&
        *(char **)(gen0 + SNAP_GENERATION0_AT - SNAP_GENERATIONS_AT) == gen0)
        snap_gcstate = gen0 - SNAP_GENERATIONS_AT;
}

static snap_generation *snap_gen(int g)
{
    return (snap_generation *)(snap_gcstate + SNAP_GENERATIONS_AT) + g;
}

/* Walks the heap into parts[0..*part_count): the payloads of the snapshot's
   kind 3 records (begin, then types and objects parts, then end).  Returns 0,
   or -1 when out of memory (nothing is written then). */
static int snapshot_walk(const char *label, size_t label_len, bytes_t *parts, size_t *part_count,
                         size_t max_parts)
{
    snap_walk w = {0};
    int *enabled = (int *)(snap_gcstate + SNAP_ENABLED_AT);
    int saved_enabled = *enabled, saved_count[3];
    for (int g = 0; g < 3; g++) saved_count[g] = snap_gen(g)->count;
    *enabled = 0;

    bytes_t begin = {0};
    b_varint(&begin, SNAP_PART_BEGIN);
    b_string(&begin, label, label_len, 1);
    b_varint(&begin, (uint64_t)saved_enabled);
    for (int g = 0; g < 3; g++) b_varint(&begin, (uint64_t)snap_gen(g)->threshold);
    for (int g = 0; g < 3; g++) b_varint(&begin, (uint64_t)saved_count[g]);

    for (int g = 0; g < 3; g++) snap_add_list(&w, (char *)snap_gen(g), (uint8_t)g);
    snap_add_list(&w, snap_gcstate + SNAP_PERMANENT_AT, SNAP_GEN_PERMANENT);

    bytes_t types = {0}, objects = {0}, edges = {0};
    size_t n = 0, batch = 0;
    uintptr_t prev = 0;
    *part_count = 0;
    for (size_t i = 0; i < w.count && !w.failed; i++) {
        PyObject *o = w.objects[i];
        PyTypeObject *t = Py_TYPE(o);
        w.ref_count = 0;
        int is_gc = PyObject_IS_GC(o);
        if (is_gc && t->tp_traverse != NULL)
            t->tp_traverse(o, snap_visit, &w);
        unsigned flags = 0, gen = w.generation[i];
        if (is_gc) {
            snap_gc_head *h = (snap_gc_head *)o - 1;
            flags |= SNAP_IS_GC;
            if (h->next != 0)
                flags |= SNAP_TRACKED;
            if (h->prev & SNAP_FINALIZED_BIT)
                flags |= SNAP_FINALIZED;
        }
        if (PyWeakref_Check(o)) {
            flags |= SNAP_IS_WEAKREF;
            if (((PyWeakReference *)o)->wr_callback != NULL)
                flags |= SNAP_HAS_CALLBACK;
        }
#if PY_VERSION_HEX >= 0x030C0000
        if (_Py_IsImmortal(o))
            flags |= SNAP_IMMORTAL;
#endif
        flags |= gen << SNAP_GENERATION_SHIFT;
        Py_ssize_t label_len = 0;
        const char *label_text = PyModule_Check(o)
            ? snap_ascii(PyDict_GetItem(PyModule_GetDict(o), snap_name_key), &label_len)
            : NULL;
        if (label_text != NULL)
            flags |= SNAP_LABELLED;
        uint32_t type_id = snap_type_id(&w, t, &types);
        PyObject *sizeof_method = _PyType_Lookup(t, snap_sizeof_key); /* borrowed */
        size_t size = (size_t)-1;
        if (sizeof_method == NULL || !PyFunction_Check(sizeof_method))
            size = _PySys_GetSizeOf(o);
        if (size == (size_t)-1 && PyErr_Occurred())
            PyErr_Clear();

        if (batch == 0)
            prev = 0; /* each objects part starts its address deltas anew */
        uintptr_t a = (uintptr_t)o;
        intptr_t d = (intptr_t)(a - prev);
        b_varint(&objects, ((uint64_t)d << 1) ^ (uint64_t)(d >> 63));
        prev = a;
        b_varint(&objects, type_id);
        b_varint(&objects, size == (size_t)-1 ? 0 : (uint64_t)size + 1);
        b_varint(&objects, (uint64_t)Py_REFCNT(o));
        b_varint(&objects, flags);
        b_varint(&objects, w.ref_count);
        for (size_t k = 0; k < w.ref_count; k++) b_varint(&objects, w.refs[k]);
        snap_edges(&w, o, w.ref_count, &objects, &edges);
        w.ref_count = 0;
        for (PyObject *r = snap_weaklist(o); r != NULL && r != Py_None;
             r = (PyObject *)((PyWeakReference *)r)->wr_next)
            snap_visit(r, &w);
        b_varint(&objects, w.ref_count);
        for (size_t k = 0; k < w.ref_count; k++) b_varint(&objects, w.refs[k]);
        if (label_text != NULL)
            b_string(&objects, label_text, (size_t)label_len, 1);
        n++;
        batch++;
        if (objects.n >= SNAP_BATCH_BYTES || i + 1 == w.count) {
            /* types defined by this batch go first */
            if (types.n > 0 && *part_count < max_parts) {
                bytes_t tp = {0};
                b_varint(&tp, SNAP_PART_TYPES);
                b_put(&tp, types.p, types.n);
                parts[(*part_count)++] = tp;
                types.n = 0;
            }
            if (*part_count < max_parts) {
                bytes_t op = {0};
                b_varint(&op, SNAP_PART_OBJECTS);
                b_varint(&op, batch);
                b_put(&op, objects.p, objects.n);
                parts[(*part_count)++] = op;
            } else {
                w.failed = 1;
            }
            objects.n = 0;
            batch = 0;
        }
    }
    bytes_t end = {0};
    b_varint(&end, SNAP_PART_END);
    b_varint(&end, n);
    b_varint(&end, w.type_count);

    for (int g = 0; g < 3; g++) snap_gen(g)->count = saved_count[g];
    *enabled = saved_enabled;

    int failed = w.failed || begin.failed || end.failed || types.failed || objects.failed ||
                 edges.failed ||
                 *part_count + 2 > max_parts;
    for (size_t k = 0; k < *part_count; k++) failed |= parts[k].failed;
    free(w.objects);
    free(w.generation);
    free(w.index.keys);
    free(w.index.values);
    free(w.types.keys);
    free(w.types.values);
    free(w.refs);
    free(types.p);
    free(objects.p);
    free(edges.p);
    if (failed) {
        free(begin.p);
        free(end.p);
        return -1;
    }
    memmove(parts + 1, parts, *part_count * sizeof *parts);
    parts[0] = begin;
    parts[*part_count + 1] = end;
    *part_count += 2;
    return 0;
}

/* Text recordings: one "H <base64 of the payload>" line per record (caller
   holds buf_lock). */
static void snap_put_base64_locked(const uint8_t *p, size_t n)
{
    static const char digits[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char quad[4];
    put("H ", 2, 0);
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16;
        if (i + 1 < n)
            v |= (uint32_t)p[i + 1] << 8;
        if (i + 2 < n)
            v |= p[i + 2];
        quad[0] = digits[v >> 18];
        quad[1] = digits[(v >> 12) & 63];
        quad[2] = i + 1 < n ? digits[(v >> 6) & 63] : '=';
        quad[3] = i + 2 < n ? digits[v & 63] : '=';
        put(quad, 4, 0);
    }
    put("\n", 1, 0);
}

/* snapshot(label): a mark of that label, then the heap snapshot at the same
   position: .pmt kind 3 records, or text H lines. */
static void take_snapshot(const char *label, size_t label_len)
{
    if (snap_gcstate == NULL) {
        do_mark(label, label_len);
        lock_buf();
        const char *why = "# heap snapshot not written: gc state not found\n";
        if (!opt_pmt)
            put(why, strlen(why), 0);
        flush_locked();
        unlock_buf();
        return;
    }
    size_t max_parts = 1u << 16, count = 0;
    bytes_t *parts = calloc(max_parts, sizeof *parts);
    int bad = parts == NULL || snapshot_walk(label, label_len, parts, &count, max_parts) < 0;
    do_mark(label, label_len);
    if (bad) {
        free(parts);
        return;
    }
    lock_buf();
    for (size_t k = 0; k < count; k++) {
        if (opt_pmt)
            snap_emit_locked(&parts[k]);
        else
            snap_put_base64_locked(parts[k].p, parts[k].n);
        free(parts[k].p);
    }
    flush_locked();
    unlock_buf();
    free(parts);
}
