/*
 * pymem_launcher.c - run a real CPython while recording its allocator.
 *
 * Purpose
 *   `launcher [python args...]` behaves like `python [python args...]`
 *   (PEP 587 embedding: PyConfig + Py_RunMain), but before anything else it
 *   wraps the MEM and OBJ allocator domains and the object arena allocator,
 *   so every event from the interpreter's very first allocation lands in the
 *   text trace named by $PYMEM_RECORD_OUT.  RAW is deliberately not hooked.
 *   Built once per interpreter:
 *     gcc -O2 -Wall -o launcher pymem_launcher.c \
 *       $(python3.X-config --cflags --embed) $(python3.X-config --ldflags --embed) \
 *       -Wl,-rpath,$(python3.X-config --prefix)/lib \
 *       -DPYMEM_PYTHON_EXE='"/path/to/bin/python3.X"'
 *   PYMEM_PYTHON_EXE (or the env var of that name) becomes
 *   PyConfig.program_name, so sys.executable, sys.prefix and the stdlib are
 *   found exactly as the real interpreter finds them.
 *
 * Trace format: see the package docs ("pymem-trace 1").  Note that from
 *   3.11 on the arena allocator also serves the 16 KiB frame data-stack
 *   chunks, so A/F lines are not only pymalloc arenas.
 *
 * Event order invariant
 *   Every event line is written AFTER the wrapped call returns.  An arena
 *   alloc/free triggered inside a malloc/free/realloc therefore precedes
 *   that call's own line, and a replayer sees each address handed out before
 *   it is used and released before it is reused.  The GIL serialises MEM/OBJ
 *   calls; the mutex only protects the buffer.
 *
 * Why hooks are lifted for statistics
 *   pymalloc's own report (_PyObject_DebugMallocStats, exported 3.8-3.13)
 *   prints nothing unless the current OBJ allocator *is* pymalloc (or the
 *   debug hooks over it).  A mark therefore saves whatever OBJ allocator is
 *   current (ours, or e.g. tracemalloc stacked on ours), installs the
 *   original one for the duration of the report, then restores the saved
 *   one.  The report only writes to a libc memstream; it allocates nothing
 *   through Python, so no event is missed while the hook is lifted.
 *
 * Flushing: when the 1 MiB buffer is full, at every mark, at the end of
 *   Py_FinalizeEx (Py_AtExit), after Py_RunMain, at exit() and in _exit().
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#if PY_VERSION_HEX >= 0x030B0000
/* Still exported, but declared only in internal headers since 3.11. */
PyAPI_FUNC(int) _PyObject_DebugMallocStats(FILE *out);
#endif

/* ------------------------------------------------------------------ */
/* Output buffer                                                        */

#define BUF_SIZE (1u << 20)
#define EVENT_MAX 128 /* the longest event line is about 70 bytes */

static char buf[BUF_SIZE];
static size_t buf_len;
static int out_fd = -1;
static pid_t owner_pid;
static volatile int active = 1; /* cleared in a forked child */
static pthread_mutex_t buf_lock = PTHREAD_MUTEX_INITIALIZER;

/* Write the buffer out; caller holds buf_lock.  errno is preserved: this
   can run inside an allocation made between a failed syscall and the
   check of its errno. */
static void flush_locked(void)
{
    int saved_errno = errno;
    /* A vfork()ed child shares our memory: leave the writing to the parent. */
    if (out_fd >= 0 && getpid() == owner_pid) {
        size_t off = 0;
        while (off < buf_len) {
            ssize_t n = write(out_fd, buf + off, buf_len - off);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break; /* disk full or similar: drop rather than spin */
            off += (size_t)n;
        }
        buf_len = 0;
    }
    errno = saved_errno;
}

static void flush_all(void)
{
    pthread_mutex_lock(&buf_lock);
    flush_locked();
    pthread_mutex_unlock(&buf_lock);
}

/* Append n bytes of any length (caller holds buf_lock); with `oneline`,
   '\n' and '\r' become spaces. */
static void put(const char *s, size_t n, int oneline)
{
    for (size_t i = 0; i < n; i++) {
        if (buf_len == BUF_SIZE)
            flush_locked();
        char c = s[i];
        buf[buf_len++] = (oneline && (c == '\n' || c == '\r')) ? ' ' : c;
    }
}

/* Hot-path field writer: " <v>" in base 10 or 16 at p; returns the end. */
static char *put_num(char *p, uintptr_t v, unsigned base)
{
    char tmp[24];
    int n = 0;
    do { tmp[n++] = "0123456789abcdef"[v % base]; v /= base; } while (v);
    *p++ = ' ';
    while (n) *p++ = tmp[--n];
    return p;
}
#define DEC(p, v) put_num((p), (uintptr_t)(v), 10)
#define HEX(p, v) put_num((p), (uintptr_t)(v), 16)

/* Lock, make room for one event line, write its kind (and domain). */
static char *ev_begin(char kind, const char *domain)
{
    pthread_mutex_lock(&buf_lock);
    if (BUF_SIZE - buf_len < EVENT_MAX)
        flush_locked();
    char *p = buf + buf_len;
    *p++ = kind;
    if (domain != NULL) {
        *p++ = ' ';
        while (*domain) *p++ = *domain++;
    }
    return p;
}

static void ev_end(char *p)
{
    *p++ = '\n';
    buf_len = (size_t)(p - buf);
    pthread_mutex_unlock(&buf_lock);
}

/* ------------------------------------------------------------------ */
/* Allocator wrappers; ctx points at the hook_t of the domain           */

typedef struct {
    PyMemAllocatorEx orig;
    const char *domain;
} hook_t;

static hook_t hook_mem = {.domain = "mem"}, hook_obj = {.domain = "obj"};
static PyObjectArenaAllocator arena_orig;

static void *h_malloc(void *ctx, size_t size)
{
    hook_t *h = ctx;
    void *r = h->orig.malloc(h->orig.ctx, size);
    if (active)
        ev_end(HEX(DEC(ev_begin('m', h->domain), size), r));
    return r;
}

static void *h_calloc(void *ctx, size_t nelem, size_t elsize)
{
    hook_t *h = ctx;
    void *r = h->orig.calloc(h->orig.ctx, nelem, elsize);
    if (active)
        ev_end(HEX(DEC(ev_begin('c', h->domain), nelem * elsize), r));
    return r;
}

static void *h_realloc(void *ctx, void *old, size_t size)
{
    hook_t *h = ctx;
    void *r = h->orig.realloc(h->orig.ctx, old, size);
    if (active)
        ev_end(HEX(DEC(HEX(ev_begin('r', h->domain), old), size), r));
    return r;
}

static void h_free(void *ctx, void *ptr)
{
    hook_t *h = ctx;
    h->orig.free(h->orig.ctx, ptr);
    if (active && ptr != NULL)
        ev_end(HEX(ev_begin('f', h->domain), ptr));
}

static void *h_arena_alloc(void *ctx, size_t size)
{
    void *r = arena_orig.alloc(arena_orig.ctx, size);
    (void)ctx;
    if (active)
        ev_end(HEX(DEC(ev_begin('A', NULL), size), r));
    return r;
}

static void h_arena_free(void *ctx, void *ptr, size_t size)
{
    arena_orig.free(arena_orig.ctx, ptr, size);
    (void)ctx;
    if (active)
        ev_end(DEC(HEX(ev_begin('F', NULL), ptr), size));
}

/* Wrap whatever is current unless it already is our wrapper, so calling
   this a second time is harmless. */
static void install_domain(PyMemAllocatorDomain domain, hook_t *h)
{
    PyMemAllocatorEx w = {h, h_malloc, h_calloc, h_realloc, h_free}, cur;
    PyMem_GetAllocator(domain, &cur);
    if (cur.malloc != h_malloc) {
        h->orig = cur;
        PyMem_SetAllocator(domain, &w);
    }
}

static void install_hooks(void)
{
    PyObjectArenaAllocator a = {NULL, h_arena_alloc, h_arena_free}, cur;
    install_domain(PYMEM_DOMAIN_MEM, &hook_mem);
    install_domain(PYMEM_DOMAIN_OBJ, &hook_obj);
    PyObject_GetArenaAllocator(&cur);
    if (cur.alloc != h_arena_alloc) {
        arena_orig = cur;
        PyObject_SetArenaAllocator(&a);
    }
}

/* ------------------------------------------------------------------ */
/* Marks and the pymem_record module                                    */

static void do_mark(const char *label, size_t n)
{
    char *stats = NULL;
    size_t stats_len = 0;
    FILE *fp = open_memstream(&stats, &stats_len);
    if (fp != NULL) {
        PyMemAllocatorEx cur;
        PyMem_GetAllocator(PYMEM_DOMAIN_OBJ, &cur);
        PyMem_SetAllocator(PYMEM_DOMAIN_OBJ, &hook_obj.orig);
        _PyObject_DebugMallocStats(fp); /* returns 0, printing nothing, if
                                           pymalloc is not in use */
        PyMem_SetAllocator(PYMEM_DOMAIN_OBJ, &cur);
        fclose(fp);
    }

    /* S and its | block go out in one locked section, so no event can fall
       between them: the statistics describe exactly this point. */
    pthread_mutex_lock(&buf_lock);
    put("S", 1, 0);
    if (n > 0) {
        put(" ", 1, 0);
        put(label, n, 1);
    }
    put("\n", 1, 0);
    for (size_t i = 0; stats != NULL && i < stats_len;) {
        const char *nl = memchr(stats + i, '\n', stats_len - i);
        size_t len = (nl ? (size_t)(nl - stats) : stats_len) - i;
        put("| ", len ? 2 : 1, 0); /* an empty line is a bare "|" */
        put(stats + i, len, 1);
        put("\n", 1, 0);
        i += len + 1;
    }
    flush_locked();
    pthread_mutex_unlock(&buf_lock);
    free(stats);
}

static PyObject *rec_mark(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"label", NULL};
    PyObject *label = Py_None, *bytes = NULL;
    (void)self;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|O:mark", kwlist, &label))
        return NULL;
    if (label != Py_None) {
        PyObject *s = PyObject_Str(label);
        if (s == NULL)
            return NULL;
        bytes = PyUnicode_AsEncodedString(s, "utf-8", "backslashreplace");
        Py_DECREF(s);
        if (bytes == NULL)
            return NULL;
    }
    if (active)
        do_mark(bytes ? PyBytes_AS_STRING(bytes) : NULL,
                bytes ? (size_t)PyBytes_GET_SIZE(bytes) : 0);
    Py_XDECREF(bytes);
    Py_RETURN_NONE;
}

static PyObject *rec_exit_mark(PyObject *self, PyObject *unused)
{
    (void)self; (void)unused;
    if (active)
        do_mark("exit", 4);
    Py_RETURN_NONE;
}

static PyObject *rec_flush(PyObject *self, PyObject *unused)
{
    (void)self; (void)unused;
    flush_all();
    Py_RETURN_NONE;
}

static PyMethodDef rec_methods[] = {
    {"mark", (PyCFunction)(void (*)(void))rec_mark, METH_VARARGS | METH_KEYWORDS,
     "mark(label=None): write a mark and pymalloc's own statistics, then flush."},
    {"flush", rec_flush, METH_NOARGS, "flush(): write buffered events to the trace."},
    {"_exit_mark", rec_exit_mark, METH_NOARGS, "mark('exit'); run by atexit."},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef rec_module = {
    PyModuleDef_HEAD_INIT, "pymem_record", "Allocator trace control (pymem_launcher).",
    -1, rec_methods, NULL, NULL, NULL, NULL};

static PyObject *PyInit_pymem_record(void) { return PyModule_Create(&rec_module); }

/* atexit.register(pymem_record._exit_mark) through the C API, so __main__'s
   namespace stays untouched.  Registered first, it runs last. */
static void register_exit_mark(void)
{
    PyObject *mod = PyImport_ImportModule("pymem_record");
    PyObject *ax = PyImport_ImportModule("atexit");
    PyObject *fn = mod ? PyObject_GetAttrString(mod, "_exit_mark") : NULL;
    PyObject *r = (ax && fn) ? PyObject_CallMethod(ax, "register", "O", fn) : NULL;
    if (r == NULL)
        PyErr_Print();
    Py_XDECREF(r);
    Py_XDECREF(fn);
    Py_XDECREF(ax);
    Py_XDECREF(mod);
}

/* ------------------------------------------------------------------ */
/* Process plumbing                                                     */

/* libpython calls _exit() through its PLT, so this definition wins and
   os._exit() still leaves every event on disk.  (glibc's exit() uses its
   internal _exit; that path is covered by atexit(flush_all).) */
void _exit(int status)
{
    if (out_fd >= 0 && getpid() == owner_pid)
        flush_all();
    syscall(SYS_exit_group, status);
    __builtin_unreachable();
}

/* A forked child (multiprocessing, fork without exec) is not recorded: it
   would otherwise write the parent's pending events a second time. */
static void atfork_child(void)
{
    active = 0;
    buf_len = 0;
    if (out_fd >= 0)
        close(out_fd);
    out_fd = -1;
    pthread_mutex_init(&buf_lock, NULL);
}

/* `# argv` names the real interpreter in place of this launcher's path. */
static void write_header(int argc, char **argv, const char *exe)
{
    const char *v = Py_GetVersion(); /* a static string: allocates nothing */
    pthread_mutex_lock(&buf_lock);
    put("pymem-trace 1\npython ", 21, 0);
    put(v, strcspn(v, " "), 1);
    put("\n# argv", 7, 0);
    for (int i = 0; i < argc; i++) {
        const char *word = (i == 0 && exe != NULL && *exe != '\0') ? exe : argv[i];
        put(" ", 1, 0);
        put(word, strlen(word), 1);
    }
    put("\n", 1, 0);
    pthread_mutex_unlock(&buf_lock);
}

static void check(PyStatus status, PyConfig *config)
{
    if (PyStatus_Exception(status)) {
        PyConfig_Clear(config);
        Py_ExitStatusException(status); /* exit() -> atexit(flush_all) */
    }
}

int main(int argc, char **argv)
{
    /* 1. Hooks first: nothing may reach the MEM/OBJ allocators before. */
    install_hooks();

    /* 2. Output file and header (no Python allocation happens here). */
    const char *out = getenv("PYMEM_RECORD_OUT");
    if (out == NULL || *out == '\0') {
        fputs("pymem-launcher: PYMEM_RECORD_OUT is not set\n", stderr);
        return 64;
    }
    out_fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out_fd < 0) {
        fprintf(stderr, "pymem-launcher: cannot open %s: %s\n", out, strerror(errno));
        return 73;
    }
    unsetenv("PYMEM_RECORD_OUT"); /* child processes are not recorded */
    owner_pid = getpid();
    pthread_atfork(NULL, NULL, atfork_child);
    atexit(flush_all);

    const char *exe = NULL;
#ifdef PYMEM_PYTHON_EXE
    exe = PYMEM_PYTHON_EXE;
#endif
    if (exe == NULL || *exe == '\0')
        exe = getenv("PYMEM_PYTHON_EXE");
    write_header(argc, argv, exe);

    /* 3. The interpreter, configured like the real executable. */
    if (PyImport_AppendInittab("pymem_record", PyInit_pymem_record) < 0) {
        fputs("pymem-launcher: PyImport_AppendInittab failed\n", stderr);
        return 70;
    }

    PyConfig config;
    PyConfig_InitPythonConfig(&config);
    /* This pre-initialises; PYTHONMALLOC or -X dev make that replace the
       MEM/OBJ allocators wholesale (before any MEM/OBJ allocation), in which
       case install_hooks() wraps the new ones. */
    check(PyConfig_SetBytesArgv(&config, argc, argv), &config);
    install_hooks();
    if (exe != NULL && *exe != '\0')
        check(PyConfig_SetBytesString(&config, &config.program_name, exe), &config);
    check(Py_InitializeFromConfig(&config), &config);
    PyConfig_Clear(&config);

    Py_AtExit(flush_all); /* end of Py_FinalizeEx, even before a SIGINT exit */
    register_exit_mark();

    int rc = Py_RunMain();
    flush_all();
    return rc;
}
