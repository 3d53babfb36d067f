/*
 * pymem_launcher.c - run a real CPython while recording its allocator.
 *
 * Purpose
 *   `launcher [python args...]` behaves like `python [python args...]`
 *   (PEP 587 embedding: PyConfig + Py_RunMain), but before anything else it
 *   wraps the MEM and OBJ allocator domains and the object arena allocator,
 *   so every event from the interpreter's very first allocation lands in the
 *   trace named by $PYMEM_RECORD_OUT.  The RAW domain is wrapped too, right
 *   after the trace's header is written (before the interpreter starts);
 *   its calls made inside pymalloc (blocks over 512 bytes, the arena
 *   table) belong to the MEM/OBJ event being recorded and are not RAW
 *   events (see in_object_allocator).
 *   Built once per interpreter:
 *     gcc -O2 -Wall -o launcher pymem_launcher.c \
 *       $(python3.X-config --cflags --embed) $(python3.X-config --ldflags --embed) \
 *       -Wl,-rpath,$(python3.X-config --prefix)/lib \
 *       -DPYMEM_PYTHON_EXE='"/path/to/bin/python3.X"'
 *   PYMEM_PYTHON_EXE (or the env var of that name) becomes
 *   PyConfig.program_name, so sys.executable, sys.prefix and the stdlib are
 *   found exactly as the real interpreter finds them.  From 3.11 on the file
 *   also reads internal/pycore_frame.h (`make install` puts it in
 *   include/python3.X/internal: pyenv builds and Debian's python3.X-dev have
 *   it); it defines Py_BUILD_CORE itself around that one include, so the
 *   build command is unchanged.
 *
 * Options (environment variables, read and then unset in main(), so child
 * processes inherit none of them; unset = the plain text trace):
 *   PYMEM_RECORD_FORMAT=pmt    write the binary format (docs/formats/pmt.md)
 *                              instead of text ("text" is the default).
 *   PYMEM_RECORD_SITES=N       1..65535: every m, c and r event carries its
 *                              allocation site, the N innermost Python frames
 *                              of the allocating thread, as tracemalloc would
 *                              report them (text: N/T definitions + " @id").
 *   PYMEM_RECORD_TRACEMALLOC=1 run tracemalloc in the process (PyConfig
 *                              .tracemalloc = N, or 1 without sites) and add
 *                              its statistics('lineno') to every mark (text
 *                              `t` lines, binary kind 13): ground truth for
 *                              the sites.  RAW events then begin once the
 *                              interpreter is initialised (see main()).
 *   PYMEM_RECORD_SNAPSHOT_AT_EXIT=1  the exit mark is also a heap snapshot
 *                              (heap_snapshot.c).
 *   GC collections are always recorded (text `G`, binary kind 12), through a
 *   C callback appended to gc.callbacks.
 *
 * Trace format: see the package docs ("pymem-trace 1", docs/formats/pmt.md).
 *   Note that from 3.11 on the arena allocator also serves the 16 KiB frame
 *   data-stack chunks, so A/F lines are not only pymalloc arenas.
 *
 * Event order invariant
 *   Every event line is written AFTER the wrapped call returns.  An arena
 *   alloc/free triggered inside a malloc/free/realloc therefore precedes
 *   that call's own line, and a replayer sees each address handed out before
 *   it is used and released before it is reused.  The GIL serialises MEM/OBJ
 *   calls; the buffer lock (a spin lock) protects the buffer and the site
 *   tables.
 *
 * Allocation sites
 *   Taken inside the allocator hook, so nothing there may allocate or call
 *   back into Python: frames are read straight from the thread state
 *   (3.8-3.10: PyFrameObject chain; 3.11+: the _PyInterpreterFrame chain,
 *   skipping incomplete frames like tracemalloc's traceback_get_frames), and
 *   file names, tracebacks and code objects are interned in hash tables of
 *   our own on libc malloc.  Only the thread that holds the GIL has a site.
 *   Code objects are cached by address (file id, and a line-number cache
 *   keyed by a serial number); a free of that address drops the entry, so a
 *   new code object at the same address is never mistaken for the old one.
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
 *   In the binary format every flush cuts a chunk (one write(2) each), as do
 *   65,536 events; the index footer is written by the first of: the end of
 *   Py_FinalizeEx (Py_AtExit), the final flush after Py_RunMain, exit()
 *   (sys.exit() in a script leaves through Py_Exit -> exit()) and _exit();
 *   nothing is written after it.  A killed process leaves complete chunks
 *   and no footer.  The binary format is version 2: the header, every chunk
 *   (its header and its payload) and the index carry a CRC-32C, computed
 *   once per chunk when it is cut (see the PMT-FORMAT block below).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#if PY_VERSION_HEX >= 0x030B0000
/* _PyInterpreterFrame and its helpers are declared only in the internal
   headers, which refuse to load without Py_BUILD_CORE.  Defined here, after
   Python.h, it changes nothing but what those headers declare. */
#  define Py_BUILD_CORE 1
#  include "internal/pycore_frame.h"
#  undef Py_BUILD_CORE
#else
#  include <frameobject.h>
#endif

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#if PY_VERSION_HEX >= 0x030B0000
/* Still exported, but declared only in internal headers since 3.11. */
PyAPI_FUNC(int) _PyObject_DebugMallocStats(FILE *out);
#endif

/* ------------------------------------------------------------------ */
/* The .pmt format, version 2 (docs/formats/pmt.md)                     */

/* PMT-FORMAT-BEGIN
   Every constant of the format, mirrored name for name from
   packages/tracing/src/pmt/format.ts (PMT_X here is X there; PMT_K_X is
   Kind.x, PMT_EXT_X is ExtensionKind.x).  packages/tracing/src/pmt/format-mirror.test.ts
   compares the two and compiles this block on its own (it may use only
   <stdint.h>, <stddef.h> and <string.h>): its CRC-32C against the
   TypeScript one and its delta-class rule against requestClass().  Change
   both files together. */
#define PMT_FILE_MAGIC "\x89PMT\r\n\x1a\n"
#define PMT_FORMAT_VERSION 2
#define PMT_POINTER_SIZE 8
#define PMT_FILE_HEADER_BYTES 16   /* magic, version, pointer size, flags, m */
#define PMT_CHECKSUM_BYTES 4       /* a CRC-32C, u32 */
#define PMT_CHUNK_MAGIC "CHK2"
#define PMT_CHUNK_HEADER_BYTES 28  /* magic, length, events, first, 2 CRCs */
#define PMT_CHUNK_PAYLOAD_CHECKSUM_AT 20
#define PMT_CHUNK_HEADER_CHECKSUM_AT 24
#define PMT_EVENTS_PER_CHUNK 65536u
#define PMT_INDEX_MAGIC "IDX2"
#define PMT_INDEX_ENTRY_BYTES 16   /* chunk offset, first event */
#define PMT_TRAILER "PMTEND\n\0"

/* Record kinds: the low 4 bits of a tag byte. */
#define PMT_K_ARENA_ALLOC 0
#define PMT_K_ARENA_FREE 1
#define PMT_K_MALLOC 2
#define PMT_K_CALLOC 3
#define PMT_K_REALLOC 4
#define PMT_K_FREE 5
#define PMT_K_MARK 8
#define PMT_K_COMMENT 9
#define PMT_K_FILENAME 10
#define PMT_K_TRACEBACK 11
#define PMT_K_GC 12
#define PMT_K_TRACEMALLOC 13
#define PMT_K_EXTENSION 15
#define PMT_KIND_MASK 0x0f
#define PMT_DOMAIN_SHIFT 4
#define PMT_ALIGNED_BIT 0x40
#define PMT_SITE_BIT 0x80
#define PMT_ADDRESS_ALIGNMENT 16

/* Extension kinds (kind 15 records); the recorder writes kind 3. */
#define PMT_EXT_OBJECTS 1
#define PMT_EXT_COLLECTOR 2
#define PMT_EXT_HEAP_SNAPSHOT 3

/* Delta classes of malloc/calloc results: sizes 1..512 by 16, the rest. */
#define PMT_DELTA_CLASS_SHIFT 4
#define PMT_DELTA_CLASS_MAX_SIZE 512
#define PMT_DELTA_CLASS_COUNT 33

/* CRC-32C, reflected polynomial; initial value and final xor all ones. */
#define PMT_CRC32C_POLY 0x82F63B78u

static unsigned request_class(uintptr_t size)
{
    return (size >= 1 && size <= PMT_DELTA_CLASS_MAX_SIZE)
        ? (unsigned)((size - 1) >> PMT_DELTA_CLASS_SHIFT)
        : PMT_DELTA_CLASS_COUNT - 1u;
}

/* CRC-32C: SSE4.2's crc32 instruction where the CPU has it (about 8 bytes
   a cycle), else slicing-by-8 tables (about 1 byte a cycle).  A chunk of
   65,536 events is about 230 KB, so either costs far less than recording
   its events.  pmt_crc32c_init() runs once, before the first chunk. */
static uint32_t crc32c_table[8][256];
static int crc32c_hw;

static void pmt_crc32c_init(void)
{
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++) c = (c & 1) ? (c >> 1) ^ PMT_CRC32C_POLY : c >> 1;
        crc32c_table[0][n] = c;
    }
    for (uint32_t n = 0; n < 256; n++)
        for (int t = 1; t < 8; t++)
            crc32c_table[t][n] = (crc32c_table[t - 1][n] >> 8)
                               ^ crc32c_table[0][crc32c_table[t - 1][n] & 0xff];
#if defined(__x86_64__) && defined(__GNUC__)
    __builtin_cpu_init();
    crc32c_hw = __builtin_cpu_supports("sse4.2");
#endif
}

static uint32_t crc32c_sw(uint32_t crc, const uint8_t *p, size_t n)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    for (; n >= 8; p += 8, n -= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        w ^= crc;
        crc = crc32c_table[7][w & 0xff] ^ crc32c_table[6][(w >> 8) & 0xff]
            ^ crc32c_table[5][(w >> 16) & 0xff] ^ crc32c_table[4][(w >> 24) & 0xff]
            ^ crc32c_table[3][(w >> 32) & 0xff] ^ crc32c_table[2][(w >> 40) & 0xff]
            ^ crc32c_table[1][(w >> 48) & 0xff] ^ crc32c_table[0][w >> 56];
    }
#endif
    while (n--) crc = (crc >> 8) ^ crc32c_table[0][(crc ^ *p++) & 0xff];
    return crc;
}

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("sse4.2")))
static uint32_t crc32c_sse42(uint32_t crc, const uint8_t *p, size_t n)
{
    unsigned long long c = crc;
    for (; n >= 8; p += 8, n -= 8) {
        unsigned long long w;
        memcpy(&w, p, 8);
        c = __builtin_ia32_crc32di(c, w);
    }
    uint32_t c32 = (uint32_t)c;
    while (n--) c32 = __builtin_ia32_crc32qi(c32, *p++);
    return c32;
}
#endif

/* CRC-32C of p[0..n), as format.ts crc32c() computes it. */
static uint32_t pmt_crc32c(const void *data, size_t n)
{
    const uint8_t *p = (const uint8_t *)data;
#if defined(__x86_64__) && defined(__GNUC__)
    if (crc32c_hw)
        return ~crc32c_sse42(0xFFFFFFFFu, p, n);
#endif
    return ~crc32c_sw(0xFFFFFFFFu, p, n);
}
/* PMT-FORMAT-END */

/* ------------------------------------------------------------------ */
/* Options                                                              */

static int opt_pmt;          /* PYMEM_RECORD_FORMAT=pmt */
static unsigned opt_sites;   /* PYMEM_RECORD_SITES: frames per traceback */
static int opt_tracemalloc;  /* PYMEM_RECORD_TRACEMALLOC */
static int plain;            /* text without sites: the original fast path */
static int pmt_plain;        /* .pmt without sites: its own fast path (ev_pmt) */

/* ------------------------------------------------------------------ */
/* Output buffer                                                        */

#define BUF_SIZE (1u << 20)
#define EVENT_MAX 128 /* the longest event line is about 90 bytes */
#define CHK_HDR PMT_CHUNK_HEADER_BYTES
#define PMT_EVENT_MAX 48 /* tag, 3 varints of <= 10 bytes, a site varint */

static char buf[BUF_SIZE];
static size_t buf_len;
static int out_fd = -1;
static pid_t owner_pid;
static volatile int active = 1; /* cleared in a forked child */
static int buf_lock; /* 1 while a thread writes to buf: see lock_buf() */

/* The buffer's lock, taken once per event: a spin lock, so taking it is
   one atomic exchange and giving it back one release store (no call, no
   futex bookkeeping).  It is held for a few dozen instructions, or for one
   write(2) when a chunk is cut; a waiter yields the CPU while it spins. */
static inline void lock_buf(void)
{
    while (__atomic_exchange_n(&buf_lock, 1, __ATOMIC_ACQUIRE))
        while (__atomic_load_n(&buf_lock, __ATOMIC_RELAXED))
            sched_yield();
}

static inline void unlock_buf(void)
{
    __atomic_store_n(&buf_lock, 0, __ATOMIC_RELEASE);
}

/* Binary format state (all under buf_lock).  buf holds one chunk: its
   header room (CHK_HDR bytes) and then the payload. */
static uint64_t ev_total;     /* events so far (text and .pmt; a .pmt chunk's included) */
static uint32_t chunk_events; /* events in the current chunk */
static uintptr_t prev_addr;   /* delta base: last address of any record */
static uintptr_t prev_class[PMT_DELTA_CLASS_COUNT]; /* delta bases of malloc/calloc results */
static uint64_t file_off;     /* bytes written to the file */
static uint64_t *chunk_index; /* offset, first event; libc malloc */
static size_t chunk_count, chunk_cap;
static int closed;            /* the index (.pmt) or the end record (text) is written: nothing more */
static int index_lost;        /* out of memory: no footer (readers rebuild) */

/* write(2) all of it (a partial write continues; errors drop the rest). */
static void write_out(const void *p, size_t n)
{
    size_t off = 0;
    while (off < n) {
        ssize_t w = write(out_fd, (const char *)p + off, n - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break; /* disk full or similar: drop rather than spin */
        off += (size_t)w;
    }
}

static void le32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) p[i] = (uint8_t)(v >> (8 * i));
}

static void le64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++) p[i] = (uint8_t)(v >> (8 * i));
}

static int writer_here(void)
{
    /* A vfork()ed child shares our memory: leave the writing to the parent. */
    return out_fd >= 0 && getpid() == owner_pid;
}

static void index_add(uint64_t offset, uint64_t first)
{
    if (chunk_count == chunk_cap) {
        size_t cap = chunk_cap ? 2 * chunk_cap : 256;
        uint64_t *p = realloc(chunk_index, cap * 2 * sizeof *p);
        if (p == NULL) {
            index_lost = 1; /* a partial index would be wrong: write none */
            return;
        }
        chunk_index = p;
        chunk_cap = cap;
    }
    chunk_index[2 * chunk_count] = offset;
    chunk_index[2 * chunk_count + 1] = first;
    chunk_count++;
}

/* The chunk header in front of its payload (h + CHK_HDR .. + payload):
   CHK2, length, events, first event, payload CRC, CRC of those 24 bytes. */
static void chunk_header(uint8_t *h, size_t payload, uint32_t events, uint64_t first)
{
    memcpy(h, PMT_CHUNK_MAGIC, 4);
    le32(h + 4, (uint32_t)payload);
    le32(h + 8, events);
    le64(h + 12, first);
    le32(h + PMT_CHUNK_PAYLOAD_CHECKSUM_AT, pmt_crc32c(h + CHK_HDR, payload));
    le32(h + PMT_CHUNK_HEADER_CHECKSUM_AT, pmt_crc32c(h, PMT_CHUNK_HEADER_CHECKSUM_AT));
}

static void reset_chunk(void)
{
    buf_len = CHK_HDR;
    chunk_events = 0;
    prev_addr = 0;
    memset(prev_class, 0, sizeof prev_class);
}

/* Write the current chunk (header + payload, one write) and start the
   next; caller holds buf_lock. */
__attribute__((noinline, cold)) static void pmt_cut_locked(void)
{
    if (buf_len <= CHK_HDR)
        return;
    if (!writer_here())
        return;
    if (!closed) {
        int saved_errno = errno;
        uint64_t first = ev_total - chunk_events;
        chunk_header((uint8_t *)buf, buf_len - CHK_HDR, chunk_events, first);
        index_add(file_off, first);
        write_out(buf, buf_len);
        file_off += buf_len;
        errno = saved_errno;
    }
    reset_chunk();
}

/* Write the buffer out; caller holds buf_lock.  errno is preserved: this
   can run inside an allocation made between a failed syscall and the
   check of its errno. */
static void flush_locked(void)
{
    if (opt_pmt) {
        pmt_cut_locked();
        return;
    }
    int saved_errno = errno;
    if (writer_here()) {
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
    lock_buf();
    flush_locked();
    unlock_buf();
}

/* Append one binary record that holds no address delta (caller holds
   buf_lock): into the current chunk if it fits, else into the next one;
   a record larger than a whole chunk buffer gets a chunk of its own. */
static void pmt_record(const uint8_t *rec, size_t n)
{
    if (BUF_SIZE - buf_len < n)
        pmt_cut_locked();
    if (BUF_SIZE - buf_len >= n) {
        memcpy(buf + buf_len, rec, n);
        buf_len += n;
        return;
    }
    if (buf_len > CHK_HDR || !writer_here() || closed)
        return; /* vfork child: drop */
    int saved_errno = errno;
    uint8_t *c = malloc(CHK_HDR + n);
    if (c == NULL) {
        errno = saved_errno;
        return;
    }
    memcpy(c + CHK_HDR, rec, n);
    chunk_header(c, n, 0, ev_total);
    index_add(file_off, ev_total);
    write_out(c, CHK_HDR + n);
    file_off += CHK_HDR + n;
    free(c);
    errno = saved_errno;
}

/* A growable byte string on libc malloc, for records built piecewise. */
typedef struct {
    uint8_t *p;
    size_t n, cap;
    int failed;
} bytes_t;

static void b_reserve(bytes_t *b, size_t more)
{
    if (b->failed || b->cap - b->n >= more)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap - b->n < more) cap *= 2;
    uint8_t *p = realloc(b->p, cap);
    if (p == NULL) {
        b->failed = 1;
        return;
    }
    b->p = p;
    b->cap = cap;
}

static void b_put(bytes_t *b, const void *s, size_t n)
{
    b_reserve(b, n);
    if (b->failed)
        return;
    memcpy(b->p + b->n, s, n);
    b->n += n;
}

static uint8_t *varint(uint8_t *p, uint64_t v)
{
    while (v >= 0x80) {
        *p++ = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    *p++ = (uint8_t)v;
    return p;
}

static void b_varint(bytes_t *b, uint64_t v)
{
    uint8_t tmp[10];
    b_put(b, tmp, (size_t)(varint(tmp, v) - tmp));
}

/* `string`: varint length, bytes; with `oneline`, CR and LF become spaces
   (what the text format does to the same text). */
static void b_string(bytes_t *b, const char *s, size_t n, int oneline)
{
    b_varint(b, n);
    b_reserve(b, n);
    if (b->failed)
        return;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        b->p[b->n++] = (uint8_t)((oneline && (c == '\n' || c == '\r')) ? ' ' : c);
    }
}

/* Append n bytes of any length (caller holds buf_lock); with `oneline`,
   '\n' and '\r' become spaces.  Text format only. */
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
/* Hot-path hex field: " <v>" with its digit count known up front (from the
   highest set bit), each digit written straight into place. */
static inline char *put_hex(char *p, uintptr_t v)
{
    int n = v ? (67 - __builtin_clzll((unsigned long long)v)) >> 2 : 1;
    *p++ = ' ';
    char *end = p + n;
    for (char *q = end; q > p; v >>= 4) *--q = "0123456789abcdef"[v & 15];
    return end;
}
#define DEC(p, v) put_num((p), (uintptr_t)(v), 10)
#define HEX(p, v) put_hex((p), (uintptr_t)(v))

static void put_dec(uint64_t v)
{
    char tmp[24];
    int n = 0;
    do { tmp[n++] = (char)('0' + v % 10); v /= 10; } while (v);
    while (n) put(&tmp[--n], 1, 0);
}

/* Lock, make room for one event line, write its kind (and domain). */
static char *ev_begin(char kind, const char *domain)
{
    lock_buf();
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
    ev_total++;
    unlock_buf();
}

/* ------------------------------------------------------------------ */
/* Allocation sites: interning on libc malloc                           */

/* Record kinds of the binary format; 0-5 are also our event codes. */
enum { K_ARENA_ALLOC = PMT_K_ARENA_ALLOC, K_ARENA_FREE = PMT_K_ARENA_FREE,
       K_MALLOC = PMT_K_MALLOC, K_CALLOC = PMT_K_CALLOC, K_REALLOC = PMT_K_REALLOC,
       K_FREE = PMT_K_FREE, K_MARK = PMT_K_MARK, K_COMMENT = PMT_K_COMMENT,
       K_FILENAME = PMT_K_FILENAME, K_TRACEBACK = PMT_K_TRACEBACK, K_GC = PMT_K_GC,
       K_TRACEMALLOC = PMT_K_TRACEMALLOC };

#define MAX_SITE_FRAMES 65535u /* tracemalloc's own limit (uint16_t) */

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

/* File names, by content (like tracemalloc's table of interned names):
   the pool holds the UTF-8 text, ids are dense in order of definition. */
typedef struct {
    uint64_t hash;
    uint32_t off, len;
    uint32_t id1; /* id + 1; 0 = empty slot */
} name_slot;
static name_slot *name_tab;
static size_t name_cap, name_count;
static char *name_pool;
static size_t name_pool_len, name_pool_cap;

/* Tracebacks, by content: the pool holds n, total, then n (file, line). */
typedef struct {
    uint64_t hash;
    uint32_t off;
    uint32_t id1;
} tb_slot;
static tb_slot *tb_tab;
static size_t tb_cap, tb_count;
static uint32_t *tb_pool;
static size_t tb_pool_len, tb_pool_cap;

/* Code objects, by address: file id and a serial number that keys the
   line cache.  Linear probing with backward-shift deletion. */
typedef struct {
    uintptr_t code; /* 0 = empty slot */
    uint32_t serial;
    uint32_t file;
} code_slot;
static code_slot *code_tab;
static size_t code_cap, code_count;
static uint32_t code_serial;

#define LINE_CACHE_BITS 14
typedef struct {
    uint32_t serial; /* 0 = empty */
    int32_t addr;
    int32_t line;
    /* With one frame per traceback the whole site follows from (code,
       addr, total frames): the last total seen here and its traceback. */
    uint32_t total;
    int64_t tb; /* -1 = none */
} line_slot;
static line_slot line_cache[1u << LINE_CACHE_BITS];

/* Addresses that may be in code_tab, as bits of their hash: most frees
   are no code object and skip the probe.  Rebuilt from the table on
   growth and after many removals. */
#define CODE_BITS 16
static uint64_t code_bits[(1u << CODE_BITS) / 64];
static size_t code_removed;

static uint32_t *site_frames; /* scratch: 2 * opt_sites (file, line) */
static bytes_t scratch;       /* scratch for names and records */

static size_t code_hash(uintptr_t p)
{
    return (size_t)(((uint64_t)p * 0x9E3779B97F4A7C15ULL) >> 20);
}

static size_t code_bit(uintptr_t p)
{
    return (size_t)(((uint64_t)p * 0xC2B2AE3D27D4EB4FULL) >> (64 - CODE_BITS));
}

static void code_bits_rebuild(void)
{
    memset(code_bits, 0, sizeof code_bits);
    for (size_t i = 0; i < code_cap; i++) {
        if (code_tab[i].code != 0) {
            size_t b = code_bit(code_tab[i].code);
            code_bits[b / 64] |= 1ULL << (b % 64);
        }
    }
    code_removed = 0;
}

static int code_grow(void)
{
    size_t cap = code_cap ? 2 * code_cap : 1024;
    code_slot *t = calloc(cap, sizeof *t);
    if (t == NULL)
        return -1;
    for (size_t i = 0; i < code_cap; i++) {
        if (code_tab[i].code == 0)
            continue;
        size_t j = code_hash(code_tab[i].code) & (cap - 1);
        while (t[j].code != 0) j = (j + 1) & (cap - 1);
        t[j] = code_tab[i];
    }
    free(code_tab);
    code_tab = t;
    code_cap = cap;
    code_bits_rebuild();
    return 0;
}

/* A block at p was freed: if it was a code object we know, forget it. */
static void code_forget(uintptr_t p)
{
    size_t b = code_bit(p);
    if (!(code_bits[b / 64] & (1ULL << (b % 64))) || p == 0)
        return;
    size_t mask = code_cap - 1, i = code_hash(p) & mask;
    while (code_tab[i].code != p) {
        if (code_tab[i].code == 0)
            return;
        i = (i + 1) & mask;
    }
    for (size_t j = i;;) {
        j = (j + 1) & mask;
        if (code_tab[j].code == 0)
            break;
        size_t k = code_hash(code_tab[j].code) & mask;
        /* Move j into the hole at i unless its home k lies in (i, j]. */
        int stays = (i <= j) ? (i < k && k <= j) : (i < k || k <= j);
        if (!stays) {
            code_tab[i] = code_tab[j];
            i = j;
        }
    }
    code_tab[i].code = 0;
    code_count--;
    if (++code_removed >= 4096)
        code_bits_rebuild();
}

/* The UTF-8 text of a str into scratch, without allocating through Python:
   lone surrogates become "\udcXX" as with errors="backslashreplace". */
static void utf8_of(PyObject *s)
{
    Py_ssize_t len = PyUnicode_GET_LENGTH(s);
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    scratch.n = 0;
    b_reserve(&scratch, (size_t)len * 6 + 1);
    if (scratch.failed)
        return;
    uint8_t *p = scratch.p;
    for (Py_ssize_t i = 0; i < len; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c < 0x80) {
            *p++ = (uint8_t)c;
        } else if (c < 0x800) {
            *p++ = (uint8_t)(0xC0 | (c >> 6));
            *p++ = (uint8_t)(0x80 | (c & 0x3F));
        } else if (c >= 0xD800 && c <= 0xDFFF) {
            p += snprintf((char *)p, 7, "\\u%04x", (unsigned)c);
        } else if (c < 0x10000) {
            *p++ = (uint8_t)(0xE0 | (c >> 12));
            *p++ = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
            *p++ = (uint8_t)(0x80 | (c & 0x3F));
        } else {
            *p++ = (uint8_t)(0xF0 | (c >> 18));
            *p++ = (uint8_t)(0x80 | ((c >> 12) & 0x3F));
            *p++ = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
            *p++ = (uint8_t)(0x80 | (c & 0x3F));
        }
    }
    scratch.n = (size_t)(p - scratch.p);
}

static void emit_name_def(uint32_t id, const char *s, size_t n)
{
    if (opt_pmt) {
        bytes_t r = {0};
        uint8_t tag = K_FILENAME;
        b_put(&r, &tag, 1);
        b_varint(&r, id);
        b_string(&r, s, n, 0);
        if (!r.failed)
            pmt_record(r.p, r.n);
        free(r.p);
        return;
    }
    put("N ", 2, 0);
    put_dec(id);
    put(" ", 1, 0);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\')
            put("\\\\", 2, 0);
        else if (s[i] == '\n')
            put("\\n", 2, 0);
        else
            put(&s[i], 1, 0);
    }
    put("\n", 1, 0);
}

static int name_grow(void)
{
    size_t cap = name_cap ? 2 * name_cap : 256;
    name_slot *t = calloc(cap, sizeof *t);
    if (t == NULL)
        return -1;
    for (size_t i = 0; i < name_cap; i++) {
        if (name_tab[i].id1 == 0)
            continue;
        size_t j = (size_t)name_tab[i].hash & (cap - 1);
        while (t[j].id1 != 0) j = (j + 1) & (cap - 1);
        t[j] = name_tab[i];
    }
    free(name_tab);
    name_tab = t;
    name_cap = cap;
    return 0;
}

/* The id of a file name, defining it (N / kind 10) when new; -1 if out of
   memory. */
static int64_t intern_name(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ (uint8_t)s[i]) * 0x100000001b3ULL;
    h = mix64(h);
    if ((name_count + 1) * 2 > name_cap && name_grow() < 0)
        return -1;
    size_t mask = name_cap - 1, i = (size_t)h & mask;
    for (; name_tab[i].id1 != 0; i = (i + 1) & mask) {
        name_slot *e = &name_tab[i];
        if (e->hash == h && e->len == n && memcmp(name_pool + e->off, s, n) == 0)
            return e->id1 - 1;
    }
    if (name_pool_cap - name_pool_len < n) {
        size_t cap = name_pool_cap ? name_pool_cap : 4096;
        while (cap - name_pool_len < n) cap *= 2;
        char *p = realloc(name_pool, cap);
        if (p == NULL)
            return -1;
        name_pool = p;
        name_pool_cap = cap;
    }
    memcpy(name_pool + name_pool_len, s, n);
    uint32_t id = (uint32_t)name_count++;
    name_tab[i] = (name_slot){h, (uint32_t)name_pool_len, (uint32_t)n, id + 1};
    name_pool_len += n;
    emit_name_def(id, s, n);
    return id;
}

/* File id of a code object's co_filename, "<unknown>" where tracemalloc's
   tracemalloc_get_frame gives up (not a str; before 3.12 also not ready). */
static int64_t file_id_of(PyObject *fn)
{
    if (fn != NULL && PyUnicode_Check(fn)
#if PY_VERSION_HEX < 0x030C0000
        && PyUnicode_IS_READY(fn)
#endif
    ) {
        utf8_of(fn);
        if (!scratch.failed)
            return intern_name((const char *)scratch.p, scratch.n);
    }
    return intern_name("<unknown>", 9);
}

/* The table entry of a live code object, created on first sight. */
static code_slot *code_entry(PyCodeObject *co)
{
    uintptr_t key = (uintptr_t)co;
    if (code_cap != 0) {
        size_t mask = code_cap - 1;
        for (size_t i = code_hash(key) & mask; code_tab[i].code != 0; i = (i + 1) & mask)
            if (code_tab[i].code == key)
                return &code_tab[i];
    }
    int64_t file = file_id_of(co->co_filename);
    if (file < 0)
        return NULL;
    if ((code_count + 1) * 2 > code_cap && code_grow() < 0)
        return NULL;
    size_t mask = code_cap - 1, i = code_hash(key) & mask;
    while (code_tab[i].code != 0) i = (i + 1) & mask;
    if (++code_serial == 0)
        code_serial = 1;
    code_tab[i] = (code_slot){key, code_serial, (uint32_t)file};
    code_count++;
    size_t b = code_bit(key);
    code_bits[b / 64] |= 1ULL << (b % 64);
    return &code_tab[i];
}

/* The memo of PyCode_Addr2Line(co, addr) per (code serial, addr). */
static line_slot *line_of(PyCodeObject *co, uint32_t serial, int addr)
{
    uint32_t h = (serial * 0x9E3779B1u) ^ ((uint32_t)addr * 0x85EBCA77u);
    line_slot *e = &line_cache[(h ^ (h >> 15)) & ((1u << LINE_CACHE_BITS) - 1)];
    if (e->serial != serial || e->addr != addr)
        *e = (line_slot){serial, addr, PyCode_Addr2Line(co, addr), 0, -1};
    return e;
}

static void emit_tb_def(uint32_t id, uint32_t n, uint32_t total, const uint32_t *fl)
{
    if (opt_pmt) {
        bytes_t r = {0};
        uint8_t tag = K_TRACEBACK;
        b_put(&r, &tag, 1);
        b_varint(&r, id);
        b_varint(&r, total);
        b_varint(&r, n);
        for (uint32_t i = 0; i < 2 * n; i++) b_varint(&r, fl[i]);
        if (!r.failed)
            pmt_record(r.p, r.n);
        free(r.p);
        return;
    }
    put("T ", 2, 0);
    put_dec(id);
    put(" ", 1, 0);
    put_dec(total);
    for (uint32_t i = 0; i < n; i++) {
        put(" ", 1, 0);
        put_dec(fl[2 * i]);
        put(":", 1, 0);
        put_dec(fl[2 * i + 1]);
    }
    put("\n", 1, 0);
}

static int tb_grow(void)
{
    size_t cap = tb_cap ? 2 * tb_cap : 1024;
    tb_slot *t = calloc(cap, sizeof *t);
    if (t == NULL)
        return -1;
    for (size_t i = 0; i < tb_cap; i++) {
        if (tb_tab[i].id1 == 0)
            continue;
        size_t j = (size_t)tb_tab[i].hash & (cap - 1);
        while (t[j].id1 != 0) j = (j + 1) & (cap - 1);
        t[j] = tb_tab[i];
    }
    free(tb_tab);
    tb_tab = t;
    tb_cap = cap;
    return 0;
}

/* The id of a traceback, defining it (T / kind 11) when new. */
static int64_t intern_tb(uint32_t n, uint32_t total, const uint32_t *fl)
{
    uint64_t h = mix64(((uint64_t)n << 32) ^ total);
    for (uint32_t i = 0; i < 2 * n; i++) h = mix64(h ^ fl[i]) + i;
    if ((tb_count + 1) * 2 > tb_cap && tb_grow() < 0)
        return -1;
    size_t mask = tb_cap - 1, i = (size_t)h & mask;
    for (; tb_tab[i].id1 != 0; i = (i + 1) & mask) {
        tb_slot *e = &tb_tab[i];
        const uint32_t *k = tb_pool + e->off;
        if (e->hash == h && k[0] == n && k[1] == total
            && memcmp(k + 2, fl, 2 * n * sizeof *fl) == 0)
            return e->id1 - 1;
    }
    size_t need = 2 + 2 * (size_t)n;
    if (tb_pool_cap - tb_pool_len < need) {
        size_t cap = tb_pool_cap ? tb_pool_cap : 16384;
        while (cap - tb_pool_len < need) cap *= 2;
        uint32_t *p = realloc(tb_pool, cap * sizeof *p);
        if (p == NULL)
            return -1;
        tb_pool = p;
        tb_pool_cap = cap;
    }
    uint32_t *k = tb_pool + tb_pool_len;
    k[0] = n;
    k[1] = total;
    memcpy(k + 2, fl, 2 * n * sizeof *fl);
    uint32_t id = (uint32_t)tb_count++;
    tb_tab[i] = (tb_slot){h, (uint32_t)tb_pool_len, id + 1};
    tb_pool_len += need;
    emit_tb_def(id, n, total, fl);
    return id;
}

/* The thread state of the calling thread if it holds the GIL, else NULL. */
static PyThreadState *gil_holder_here(void)
{
#if PY_VERSION_HEX >= 0x030D0000
    return PyThreadState_GetUnchecked(); /* thread-local: ours or NULL */
#elif PY_VERSION_HEX >= 0x030C0000
    return _PyThreadState_UncheckedGet(); /* thread-local: ours or NULL */
#else
    /* Before 3.12 this is the GIL holder, whichever thread that is. */
    PyThreadState *ts = _PyThreadState_UncheckedGet();
    if (ts != NULL && ts->thread_id != (unsigned long)pthread_self())
        return NULL;
    return ts;
#endif
}

#if PY_VERSION_HEX >= 0x030B0000
static _PyInterpreterFrame *complete_frame(_PyInterpreterFrame *f)
{
#  if PY_VERSION_HEX >= 0x030C0000
    return _PyFrame_GetFirstComplete(f);
#  else
    while (f != NULL && _PyFrame_IsIncomplete(f)) f = f->previous;
    return f;
#  endif
}
#endif

/* The site of the allocation being recorded (caller holds buf_lock): the
   id of its traceback, defining names and traceback first, or -1 when no
   Python frame is running on this thread.  Same frames, same order and
   same line numbers as tracemalloc's traceback_get_frames for each version;
   nothing here allocates or calls into Python code. */
static int64_t capture_site_locked(void)
{
    PyThreadState *ts = gil_holder_here();
    if (ts == NULL)
        return -1;
    uint32_t n = 0, total = 0;
    uint32_t *fl = site_frames;
    line_slot *top = NULL; /* memo slot of the innermost frame, if any */
#if PY_VERSION_HEX < 0x030B0000
    for (PyFrameObject *f = ts->frame; f != NULL; f = f->f_back) {
        if (n < opt_sites) {
            PyCodeObject *co = f->f_code;
            code_slot *e = code_entry(co);
            if (e == NULL)
                return -1;
            int line;
            line_slot *ls = NULL;
            /* PyFrame_GetLineNumber, with the bytecode lookup memoised */
#  if PY_VERSION_HEX >= 0x030A0000
            if (f->f_lineno == 0)
                ls = line_of(co, e->serial, f->f_lasti * (int)sizeof(_Py_CODEUNIT));
#  else
            if (f->f_trace == NULL)
                ls = line_of(co, e->serial, f->f_lasti);
#  endif
            line = ls ? ls->line : PyFrame_GetLineNumber(f);
            if (n == 0)
                top = ls;
            fl[2 * n] = e->file;
            fl[2 * n + 1] = line < 0 ? 0 : (uint32_t)line;
            n++;
        }
        if (++total == MAX_SITE_FRAMES)
            break; /* n == opt_sites too: nothing more to learn */
    }
#else
#  if PY_VERSION_HEX >= 0x030C0000
    _PyInterpreterFrame *f = _PyThreadState_GetFrame(ts);
#  else
    _PyInterpreterFrame *f = ts->cframe ? complete_frame(ts->cframe->current_frame) : NULL;
#  endif
    for (; f != NULL; f = complete_frame(f->previous)) {
        if (n < opt_sites) {
#  if PY_VERSION_HEX >= 0x030D0000
            PyCodeObject *co = _PyFrame_GetCode(f);
#  else
            PyCodeObject *co = f->f_code;
#  endif
            code_slot *e = code_entry(co);
            if (e == NULL)
                return -1;
            /* = PyUnstable_InterpreterFrame_GetLine (3.12+) and 3.11's
               _PyInterpreterFrame_GetLine, memoised */
            line_slot *ls = line_of(co, e->serial,
                                    _PyInterpreterFrame_LASTI(f) * (int)sizeof(_Py_CODEUNIT));
            int line = ls->line;
            if (n == 0)
                top = ls;
            fl[2 * n] = e->file;
            fl[2 * n + 1] = line < 0 ? 0 : (uint32_t)line;
            n++;
        }
        if (++total == MAX_SITE_FRAMES)
            break;
    }
#endif
    if (n == 0)
        return -1;
    if (opt_sites != 1 || top == NULL)
        return intern_tb(n, total, fl);
    if (top->tb >= 0 && top->total == total)
        return top->tb;
    int64_t tb = intern_tb(n, total, fl);
    top->total = total;
    top->tb = tb;
    return tb;
}

/* ------------------------------------------------------------------ */
/* Events                                                               */

static uint8_t *zz_delta(uint8_t *p, uintptr_t addr, uintptr_t base, int aligned)
{
    int64_t d = (int64_t)(addr - base);
    if (aligned)
        d /= PMT_ADDRESS_ALIGNMENT;
    return varint(p, ((uint64_t)d << 1) ^ (uint64_t)(d >> 63));
}

/* One binary event record (caller holds buf_lock).  Fields as in the
   text: A size addr | F addr size | m/c size ptr | r old size new | f ptr.
   Inlined into each hook with its kind a constant, so the switch folds
   away. */
__attribute__((always_inline)) static inline void pmt_event_locked(int kind, int dom, uintptr_t a, uintptr_t b, uintptr_t c,
                             int64_t site)
{
    if (BUF_SIZE - buf_len < PMT_EVENT_MAX)
        pmt_cut_locked();
    if (BUF_SIZE - buf_len < PMT_EVENT_MAX)
        return; /* vfork child with a full buffer */
    uint8_t *start = (uint8_t *)buf + buf_len, *p = start + 1;
    unsigned tag = (unsigned)kind;
    int al;
    switch (kind) {
    case K_ARENA_ALLOC:
        al = ((b - prev_addr) & (PMT_ADDRESS_ALIGNMENT - 1)) == 0;
        p = varint(p, a);
        p = zz_delta(p, b, prev_addr, al);
        prev_addr = b;
        break;
    case K_ARENA_FREE:
        al = ((a - prev_addr) & (PMT_ADDRESS_ALIGNMENT - 1)) == 0;
        p = zz_delta(p, a, prev_addr, al);
        p = varint(p, b);
        prev_addr = a;
        break;
    case K_MALLOC:
    case K_CALLOC: {
        unsigned k = request_class(a);
        al = ((b - prev_class[k]) & (PMT_ADDRESS_ALIGNMENT - 1)) == 0;
        p = varint(p, a);
        p = zz_delta(p, b, prev_class[k], al);
        prev_class[k] = b;
        prev_addr = b;
        break;
    }
    case K_REALLOC:
        al = ((a - prev_addr) & (PMT_ADDRESS_ALIGNMENT - 1)) == 0 && ((c - a) & (PMT_ADDRESS_ALIGNMENT - 1)) == 0;
        p = zz_delta(p, a, prev_addr, al);
        p = varint(p, b);
        p = zz_delta(p, c, a, al);
        prev_addr = c;
        break;
    default: /* K_FREE */
        al = ((a - prev_addr) & (PMT_ADDRESS_ALIGNMENT - 1)) == 0;
        p = zz_delta(p, a, prev_addr, al);
        prev_addr = a;
        break;
    }
    tag |= (unsigned)dom << PMT_DOMAIN_SHIFT;
    if (al)
        tag |= PMT_ALIGNED_BIT;
    if (site >= 0) {
        tag |= PMT_SITE_BIT;
        p = varint(p, (uint64_t)site);
    }
    *start = (uint8_t)tag;
    buf_len = (size_t)((char *)p - buf);
    ev_total++;
    if (++chunk_events == PMT_EVENTS_PER_CHUNK)
        pmt_cut_locked();
}

static const char *const domain_names[] = {"raw", "mem", "obj"};

/* One text event line with an optional " @site" (caller holds buf_lock). */
static void text_event_locked(int kind, int dom, uintptr_t a, uintptr_t b, uintptr_t c,
                              int64_t site)
{
    if (BUF_SIZE - buf_len < EVENT_MAX)
        flush_locked();
    char *p = buf + buf_len;
    *p++ = "AFmcrf"[kind];
    if (kind >= K_MALLOC) {
        const char *d = domain_names[dom];
        *p++ = ' ';
        while (*d) *p++ = *d++;
    }
    switch (kind) {
    case K_ARENA_ALLOC: p = HEX(DEC(p, a), b); break;
    case K_ARENA_FREE: p = DEC(HEX(p, a), b); break;
    case K_MALLOC:
    case K_CALLOC: p = HEX(DEC(p, a), b); break;
    case K_REALLOC: p = HEX(DEC(HEX(p, a), b), c); break;
    default: p = HEX(p, a); break;
    }
    if (site >= 0) {
        p = DEC(p, site);
        /* " 12" -> " @12" */
        char *q = p;
        while (q[-1] != ' ') q--;
        memmove(q + 1, q, (size_t)(p - q));
        *q = '@';
        p++;
    }
    *p++ = '\n';
    buf_len = (size_t)(p - buf);
    ev_total++;
}

/* A .pmt event without a site (`pmt_plain`): nothing here touches errno
   but a chunk cut, which keeps it. */
__attribute__((always_inline)) static inline void ev_pmt(int kind, int dom, uintptr_t a,
                                                         uintptr_t b, uintptr_t c)
{
    lock_buf();
    pmt_event_locked(kind, dom, a, b, c, -1);
    unlock_buf();
}

/* Every event when not `plain`: binary, or text with sites. */
static void ev_rich(int kind, int dom, uintptr_t a, uintptr_t b, uintptr_t c)
{
    int saved_errno = errno; /* the site tables grow with libc malloc */
    lock_buf();
    int64_t site = -1;
    if (opt_sites) {
        if (kind == K_MALLOC || kind == K_CALLOC || kind == K_REALLOC)
            site = capture_site_locked();
        /* code objects live in the OBJ domain */
        if (dom == 2 && (kind == K_FREE || (kind == K_REALLOC && c != 0 && c != a)))
            code_forget(a);
    }
    if (opt_pmt)
        pmt_event_locked(kind, dom, a, b, c, site);
    else
        text_event_locked(kind, dom, a, b, c, site);
    unlock_buf();
    errno = saved_errno;
}

/* ------------------------------------------------------------------ */
/* Allocator wrappers; ctx points at the hook_t of the domain           */

typedef struct {
    PyMemAllocatorEx orig;
    const char *domain;
    int dom;
} hook_t;

static hook_t hook_mem = {.domain = "mem", .dom = 1}, hook_obj = {.domain = "obj", .dom = 2};
static hook_t hook_raw = {.domain = "raw", .dom = 0};
static PyObjectArenaAllocator arena_orig;
static int raw_hooked; /* the RAW domain is wrapped: install_hooks() keeps it so */

/* Nonzero while this thread is inside a MEM/OBJ allocator call.  pymalloc
   hands requests over 512 bytes (and its arena table) to PyMem_RawMalloc &
   co.: those calls are the MEM/OBJ event itself, already recorded, and the
   model's raw allocator replays them.  Only RAW calls made outside are RAW
   events.  tracemalloc skips the same nested calls with its reentrancy
   flag (tracemalloc_raw_alloc: Modules/_tracemalloc.c to 3.11,
   Python/tracemalloc.c from 3.12). */
static __thread int in_object_allocator;

static void *h_malloc(void *ctx, size_t size)
{
    hook_t *h = ctx;
    in_object_allocator++;
    void *r = h->orig.malloc(h->orig.ctx, size);
    in_object_allocator--;
    if (active) {
        if (pmt_plain)
            ev_pmt(K_MALLOC, h->dom, size, (uintptr_t)r, 0);
        else if (plain)
            ev_end(HEX(DEC(ev_begin('m', h->domain), size), r));
        else
            ev_rich(K_MALLOC, h->dom, size, (uintptr_t)r, 0);
    }
    return r;
}

static void *h_calloc(void *ctx, size_t nelem, size_t elsize)
{
    hook_t *h = ctx;
    in_object_allocator++;
    void *r = h->orig.calloc(h->orig.ctx, nelem, elsize);
    in_object_allocator--;
    if (active) {
        if (pmt_plain)
            ev_pmt(K_CALLOC, h->dom, nelem * elsize, (uintptr_t)r, 0);
        else if (plain)
            ev_end(HEX(DEC(ev_begin('c', h->domain), nelem * elsize), r));
        else
            ev_rich(K_CALLOC, h->dom, nelem * elsize, (uintptr_t)r, 0);
    }
    return r;
}

static void *h_realloc(void *ctx, void *old, size_t size)
{
    hook_t *h = ctx;
    in_object_allocator++;
    void *r = h->orig.realloc(h->orig.ctx, old, size);
    in_object_allocator--;
    if (active) {
        if (pmt_plain)
            ev_pmt(K_REALLOC, h->dom, (uintptr_t)old, size, (uintptr_t)r);
        else if (plain)
            ev_end(HEX(DEC(HEX(ev_begin('r', h->domain), old), size), r));
        else
            ev_rich(K_REALLOC, h->dom, (uintptr_t)old, size, (uintptr_t)r);
    }
    return r;
}

static void h_free(void *ctx, void *ptr)
{
    hook_t *h = ctx;
    in_object_allocator++;
    h->orig.free(h->orig.ctx, ptr);
    in_object_allocator--;
    if (active && ptr != NULL) {
        if (pmt_plain)
            ev_pmt(K_FREE, h->dom, (uintptr_t)ptr, 0, 0);
        else if (plain)
            ev_end(HEX(ev_begin('f', h->domain), ptr));
        else
            ev_rich(K_FREE, h->dom, (uintptr_t)ptr, 0, 0);
    }
}

/* The RAW domain: called with or without the GIL, from any thread, so
   always through ev_rich (locked; a site only on the thread holding the
   GIL, as capture_site_locked decides). */
static void *r_malloc(void *ctx, size_t size)
{
    hook_t *h = ctx;
    void *r = h->orig.malloc(h->orig.ctx, size);
    if (active && !in_object_allocator)
        ev_rich(K_MALLOC, h->dom, size, (uintptr_t)r, 0);
    return r;
}

static void *r_calloc(void *ctx, size_t nelem, size_t elsize)
{
    hook_t *h = ctx;
    void *r = h->orig.calloc(h->orig.ctx, nelem, elsize);
    if (active && !in_object_allocator)
        ev_rich(K_CALLOC, h->dom, nelem * elsize, (uintptr_t)r, 0);
    return r;
}

static void *r_realloc(void *ctx, void *old, size_t size)
{
    hook_t *h = ctx;
    void *r = h->orig.realloc(h->orig.ctx, old, size);
    if (active && !in_object_allocator)
        ev_rich(K_REALLOC, h->dom, (uintptr_t)old, size, (uintptr_t)r);
    return r;
}

static void r_free(void *ctx, void *ptr)
{
    hook_t *h = ctx;
    h->orig.free(h->orig.ctx, ptr);
    if (active && ptr != NULL && !in_object_allocator)
        ev_rich(K_FREE, h->dom, (uintptr_t)ptr, 0, 0);
}

static void *h_arena_alloc(void *ctx, size_t size)
{
    void *r = arena_orig.alloc(arena_orig.ctx, size);
    (void)ctx;
    if (active) {
        if (plain)
            ev_end(HEX(DEC(ev_begin('A', NULL), size), r));
        else
            ev_rich(K_ARENA_ALLOC, 0, size, (uintptr_t)r, 0);
    }
    return r;
}

static void h_arena_free(void *ctx, void *ptr, size_t size)
{
    arena_orig.free(arena_orig.ctx, ptr, size);
    (void)ctx;
    if (active) {
        if (plain)
            ev_end(DEC(HEX(ev_begin('F', NULL), ptr), size));
        else
            ev_rich(K_ARENA_FREE, 0, (uintptr_t)ptr, size, 0);
    }
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

/* The RAW domain's wrapper, installed once the trace's header is out (a
   RAW event must not come before it) and kept by install_hooks(). */
static void install_raw_hook(void)
{
    PyMemAllocatorEx w = {&hook_raw, r_malloc, r_calloc, r_realloc, r_free}, cur;
    PyMem_GetAllocator(PYMEM_DOMAIN_RAW, &cur);
    if (cur.malloc != r_malloc) {
        hook_raw.orig = cur;
        PyMem_SetAllocator(PYMEM_DOMAIN_RAW, &w);
    }
    raw_hooked = 1;
}

static void install_hooks(void)
{
    PyObjectArenaAllocator a = {NULL, h_arena_alloc, h_arena_free}, cur;
    install_domain(PYMEM_DOMAIN_MEM, &hook_mem);
    install_domain(PYMEM_DOMAIN_OBJ, &hook_obj);
    if (raw_hooked)
        install_raw_hook();
    PyObject_GetArenaAllocator(&cur);
    if (cur.alloc != h_arena_alloc) {
        arena_orig = cur;
        PyObject_SetArenaAllocator(&a);
    }
}

/* ------------------------------------------------------------------ */
/* tracemalloc ground truth                                             */

static PyObject *tm_take_snapshot; /* tracemalloc.take_snapshot, kept */
static PyObject *tm_statistics, *tm_lineno; /* interned "statistics", "lineno" */

/* str() of every Statistic of take_snapshot().statistics('lineno'), one
   per line, each ending in '\n' (CR/LF inside become spaces); libc
   malloc'd, NULL when tracemalloc is off or failed.  Runs Python code: its
   allocations are recorded like any others. */
static char *tm_capture(size_t *len)
{
    bytes_t out = {0};
    PyObject *et, *ev, *tb;
    *len = 0;
    if (tm_take_snapshot == NULL)
        return NULL;
    PyErr_Fetch(&et, &ev, &tb);
    PyObject *snap = PyObject_CallObject(tm_take_snapshot, NULL);
    /* Interned names made at start-up: a name made here would be created
       under the program's own frame and then kept by the type attribute
       cache, a block tracemalloc's snapshot (taken before) cannot see. */
    PyObject *stats = snap ? PyObject_CallMethodObjArgs(snap, tm_statistics, tm_lineno, NULL)
                           : NULL;
    if (stats != NULL && PyList_Check(stats)) {
        for (Py_ssize_t i = 0; i < PyList_GET_SIZE(stats); i++) {
            PyObject *s = PyObject_Str(PyList_GET_ITEM(stats, i));
            PyObject *b = s ? PyUnicode_AsEncodedString(s, "utf-8", "backslashreplace") : NULL;
            if (b != NULL) {
                const char *t = PyBytes_AS_STRING(b);
                size_t n = (size_t)PyBytes_GET_SIZE(b);
                b_reserve(&out, n + 1);
                for (size_t j = 0; !out.failed && j < n; j++)
                    out.p[out.n++] = (t[j] == '\n' || t[j] == '\r') ? ' ' : t[j];
                b_put(&out, "\n", 1);
            }
            Py_XDECREF(b);
            Py_XDECREF(s);
        }
    }
    Py_XDECREF(stats);
    Py_XDECREF(snap);
    PyErr_Clear(); /* e.g. the program stopped tracemalloc */
    PyErr_Restore(et, ev, tb);
    if (out.failed || out.n == 0) {
        free(out.p);
        return NULL;
    }
    *len = out.n;
    return (char *)out.p;
}

/* ------------------------------------------------------------------ */
/* Marks, GC and the pymem_record module                                */

static void do_mark(const char *label, size_t n)
{
    /* (a) tracemalloc's view first: it allocates, and those events must
       come before the mark, not between its records. */
    size_t tm_len = 0;
    char *tm = opt_tracemalloc ? tm_capture(&tm_len) : NULL;

    /* (b) pymalloc's own statistics. */
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

    /* (c) S, its | block and the t block go out in one locked section, so
       no event can fall between them: the statistics describe exactly this
       point. */
    lock_buf();
    if (opt_pmt) {
        bytes_t r = {0};
        uint8_t tag = K_MARK;
        b_put(&r, &tag, 1);
        b_string(&r, label, n, 1);
        /* the text keeps lines: CR -> space, and a last line gets its '\n' */
        int nl = stats_len > 0 && stats[stats_len - 1] != '\n';
        b_varint(&r, stats_len + (size_t)nl);
        for (size_t i = 0; i < stats_len; i++) {
            uint8_t c = (uint8_t)(stats[i] == '\r' ? ' ' : stats[i]);
            b_put(&r, &c, 1);
        }
        if (nl)
            b_put(&r, "\n", 1);
        if (tm != NULL) {
            tag = K_TRACEMALLOC;
            b_put(&r, &tag, 1);
            b_string(&r, tm, tm_len, 0);
        }
        if (!r.failed)
            pmt_record(r.p, r.n);
        free(r.p);
    } else {
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
        for (size_t i = 0; tm != NULL && i < tm_len;) {
            const char *nl = memchr(tm + i, '\n', tm_len - i);
            size_t len = (size_t)(nl - tm) - i; /* every line ends in '\n' */
            put("t ", len ? 2 : 1, 0);
            put(tm + i, len, 0);
            put("\n", 1, 0);
            i += len + 1;
        }
    }
    flush_locked();
    unlock_buf();
    free(stats);
    free(tm);
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

#include "heap_snapshot.c"

static int opt_snapshot_at_exit; /* PYMEM_RECORD_SNAPSHOT_AT_EXIT */

/* METH_O: a call builds no argument tuple, so gc's counts and the tuple free
   list are what a call of a Python function would leave. */
static PyObject *rec_snapshot(PyObject *self, PyObject *label)
{
    (void)self;
    Py_ssize_t n = 0;
    const char *s = PyUnicode_Check(label) ? PyUnicode_AsUTF8AndSize(label, &n) : NULL;
    if (s == NULL) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_TypeError, "snapshot() takes a str label");
        return NULL;
    }
    if (active)
        take_snapshot(s, (size_t)n);
    Py_RETURN_NONE;
}

static PyObject *rec_exit_mark(PyObject *self, PyObject *unused)
{
    (void)self; (void)unused;
    if (active && opt_snapshot_at_exit)
        take_snapshot("exit", 4);
    else if (active)
        do_mark("exit", 4);
    Py_RETURN_NONE;
}

static PyObject *rec_flush(PyObject *self, PyObject *unused)
{
    (void)self; (void)unused;
    flush_all();
    Py_RETURN_NONE;
}

static uint64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static uint64_t gc_start_ns; /* 0: no "start" seen */

static uint64_t info_count(PyObject *info, const char *key)
{
    PyObject *v = PyDict_Check(info) ? PyDict_GetItemString(info, key) : NULL;
    long long n = v ? PyLong_AsLongLong(v) : 0;
    if (n < 0) {
        PyErr_Clear();
        n = 0;
    }
    return (uint64_t)n;
}

/* gc.callbacks entry: (phase, info).  "start" notes the time; "stop"
   writes G <generation> <collected> <uncollectable> <duration_ns>. */
static PyObject *rec_gc_callback(PyObject *self, PyObject *args)
{
    uint64_t t = now_ns();
    PyObject *phase, *info;
    (void)self;
    if (!PyArg_ParseTuple(args, "OO:_gc_callback", &phase, &info))
        return NULL;
    if (!active || !PyUnicode_Check(phase))
        Py_RETURN_NONE;
    if (PyUnicode_CompareWithASCIIString(phase, "start") == 0) {
        gc_start_ns = now_ns();
        Py_RETURN_NONE;
    }
    if (PyUnicode_CompareWithASCIIString(phase, "stop") != 0)
        Py_RETURN_NONE;
    uint64_t dur = gc_start_ns && t > gc_start_ns ? t - gc_start_ns : 0;
    gc_start_ns = 0;
    uint64_t gen = info_count(info, "generation");
    uint64_t col = info_count(info, "collected");
    uint64_t unc = info_count(info, "uncollectable");
    lock_buf();
    if (opt_pmt) {
        uint8_t rec[41], *p = rec;
        *p++ = K_GC;
        p = varint(varint(varint(varint(p, gen), col), unc), dur);
        pmt_record(rec, (size_t)(p - rec));
    } else {
        if (BUF_SIZE - buf_len < EVENT_MAX)
            flush_locked();
        char *p = buf + buf_len;
        *p++ = 'G';
        p = DEC(DEC(DEC(DEC(p, gen), col), unc), dur);
        *p++ = '\n';
        buf_len = (size_t)(p - buf);
    }
    unlock_buf();
    Py_RETURN_NONE;
}

static PyMethodDef rec_methods[] = {
    {"mark", (PyCFunction)(void (*)(void))rec_mark, METH_VARARGS | METH_KEYWORDS,
     "mark(label=None): write a mark and pymalloc's own statistics, then flush."},
    {"flush", rec_flush, METH_NOARGS, "flush(): write buffered events to the trace."},
    {"snapshot", rec_snapshot, METH_O,
     "snapshot(label): a mark, then a heap snapshot at the same position."},
    {"_exit_mark", rec_exit_mark, METH_NOARGS, "mark('exit'); run by atexit."},
    {"_gc_callback", rec_gc_callback, METH_VARARGS,
     "_gc_callback(phase, info): records GC collections; in gc.callbacks."},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef rec_module = {
    PyModuleDef_HEAD_INIT, "pymem_record", "Allocator trace control (pymem_launcher).",
    -1, rec_methods, NULL, NULL, NULL, NULL};

static PyObject *PyInit_pymem_record(void) { return PyModule_Create(&rec_module); }

/* atexit.register(pymem_record._exit_mark) and gc.callbacks.append(
   pymem_record._gc_callback) through the C API, so __main__'s namespace
   stays untouched.  Registered first, the exit mark runs last.  With
   PYMEM_RECORD_TRACEMALLOC, tracemalloc.take_snapshot is fetched now and
   the capture run once, so the first real mark does not also pay for
   first-call costs (e.g. frame objects kept by 3.8-3.10 code objects). */
static void register_python_hooks(void)
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

    PyObject *gc = PyImport_ImportModule("gc");
    PyObject *cbs = gc ? PyObject_GetAttrString(gc, "callbacks") : NULL;
    PyObject *cb = mod ? PyObject_GetAttrString(mod, "_gc_callback") : NULL;
    if (cbs == NULL || cb == NULL || !PyList_Check(cbs) || PyList_Append(cbs, cb) < 0) {
        if (PyErr_Occurred())
            PyErr_Print();
        fputs("pymem-launcher: GC collections will not be recorded\n", stderr);
    }
    Py_XDECREF(cb);
    Py_XDECREF(cbs);
    Py_XDECREF(gc);
    Py_XDECREF(mod);
    snapshot_init();

    if (opt_tracemalloc) {
        PyObject *tm = PyImport_ImportModule("tracemalloc");
        tm_take_snapshot = tm ? PyObject_GetAttrString(tm, "take_snapshot") : NULL;
        tm_statistics = PyUnicode_InternFromString("statistics");
        tm_lineno = PyUnicode_InternFromString("lineno");
        Py_XDECREF(tm);
        if (tm_take_snapshot == NULL || tm_statistics == NULL || tm_lineno == NULL) {
            Py_CLEAR(tm_take_snapshot);
            PyErr_Print();
        } else {
            size_t n;
            free(tm_capture(&n));
        }
    }
}

/* ------------------------------------------------------------------ */
/* Process plumbing                                                     */

/* The clean end of a recording: everything out and, for pmt, the index
   footer (once; nothing is written after it). */
static void final_close(void)
{
    lock_buf();
    if (!opt_pmt && !closed && writer_here()) {
        /* The text end record: every event line is written, nothing was cut. */
        if (BUF_SIZE - buf_len < EVENT_MAX)
            flush_locked();
        char *p = buf + buf_len;
        memcpy(p, "E ", 2);
        p = DEC(p + 1, ev_total);
        *p++ = '\n';
        buf_len = (size_t)(p - buf);
        closed = 1;
        active = 0;
    }
    if (!opt_pmt || closed || !writer_here()) {
        flush_locked();
        unlock_buf();
        return;
    }
    pmt_cut_locked();
    /* IDX2, k, k x (offset, first event), total events, this offset, the
       CRC of all that, the trailer. */
    size_t n = 8 + PMT_INDEX_ENTRY_BYTES * chunk_count + 16 + PMT_CHECKSUM_BYTES + 8, off = 0;
    uint8_t *f = index_lost ? NULL : malloc(n);
    if (f != NULL) {
        memcpy(f, PMT_INDEX_MAGIC, 4);
        le32(f + 4, (uint32_t)chunk_count);
        off = 8;
        for (size_t i = 0; i < chunk_count; i++, off += PMT_INDEX_ENTRY_BYTES) {
            le64(f + off, chunk_index[2 * i]);
            le64(f + off + 8, chunk_index[2 * i + 1]);
        }
        le64(f + off, ev_total);
        le64(f + off + 8, file_off);
        le32(f + off + 16, pmt_crc32c(f, off + 16));
        memcpy(f + off + 16 + PMT_CHECKSUM_BYTES, PMT_TRAILER, 8);
        int saved_errno = errno;
        write_out(f, n);
        errno = saved_errno;
        file_off += n;
        free(f);
    }
    closed = 1;
    active = 0;
    unlock_buf();
}

/* libpython calls _exit() through its PLT, so this definition wins and
   os._exit() still leaves every event on disk.  (glibc's exit() uses its
   internal _exit; that path is covered by atexit(final_close).) */
void _exit(int status)
{
    if (writer_here())
        final_close();
    syscall(SYS_exit_group, status);
    __builtin_unreachable();
}

/* A forked child (multiprocessing, fork without exec) is not recorded: it
   would otherwise write the parent's pending events a second time. */
static void atfork_child(void)
{
    active = 0;
    buf_len = opt_pmt ? CHK_HDR : 0;
    if (out_fd >= 0)
        close(out_fd);
    out_fd = -1;
    buf_lock = 0;
}

/* Appends s[0..n) as well-formed UTF-8: each ill-formed sequence becomes
   one U+FFFD, as the WHATWG decoder (TextDecoder) replaces it.  `json`
   also escapes '"', '\\' and control characters; `oneline` turns CR and
   LF into spaces (what the text format does). */
static void utf8_clean(bytes_t *b, const char *s, size_t n, int json, int oneline)
{
    const uint8_t *p = (const uint8_t *)s, *end = p + n;
    while (p < end) {
        uint8_t c = *p;
        if (c < 0x80) {
            if (oneline && (c == '\n' || c == '\r')) {
                b_put(b, " ", 1);
            } else if (json && (c == '"' || c == '\\')) {
                char e[2] = {'\\', (char)c};
                b_put(b, e, 2);
            } else if (json && (c < 0x20 || c == 0x7F)) {
                char e[8];
                snprintf(e, sizeof e, "\\u%04x", c);
                b_put(b, e, 6);
            } else {
                b_put(b, p, 1);
            }
            p++;
            continue;
        }
        int need = c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2
                 : c >= 0xF0 && c <= 0xF4 ? 3 : -1;
        uint8_t lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
        uint8_t hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
        int got = 0;
        while (need > 0 && got < need && p + 1 + got < end) {
            uint8_t d = p[1 + got];
            if (d < lo || d > hi)
                break;
            lo = 0x80;
            hi = 0xBF;
            got++;
        }
        if (need > 0 && got == need)
            b_put(b, p, (size_t)need + 1);
        else
            b_put(b, "\xEF\xBF\xBD", 3);
        p += 1 + (need > 0 ? got : 0); /* a bad byte after a prefix starts anew */
    }
}

static void json_string(bytes_t *b, const char *s)
{
    b_put(b, "\"", 1);
    utf8_clean(b, s, strlen(s), 1, 0);
    b_put(b, "\"", 1);
}

/* `# argv` names the real interpreter in place of this launcher's path.
   pmt: the file header (metadata JSON), then the same comment as a kind 9
   record, so that pmt -> text gives the text recording's lines. */
static void write_header(int argc, char **argv, const char *exe, const char *hash_seed)
{
    const char *v = Py_GetVersion(); /* a static string: allocates nothing */
    size_t vlen = strcspn(v, " ");
    if (!opt_pmt) {
        lock_buf();
        put("pymem-trace 1\npython ", 21, 0);
        put(v, vlen, 1);
        put("\n# argv", 7, 0);
        for (int i = 0; i < argc; i++) {
            const char *word = (i == 0 && exe != NULL && *exe != '\0') ? exe : argv[i];
            put(" ", 1, 0);
            put(word, strlen(word), 1);
        }
        put("\n", 1, 0);
        unlock_buf();
        return;
    }

    char version[64], start[40];
    snprintf(version, sizeof version, "%.*s", (int)vlen, v);
    struct timespec now;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &now);
    gmtime_r(&now.tv_sec, &tm);
    snprintf(start, sizeof start, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", tm.tm_year + 1900,
             tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
             now.tv_nsec / 1000000);

    bytes_t j = {0};
    b_put(&j, "{\"python\":", 10);
    json_string(&j, version);
    b_put(&j, ",\"argv\":[", 9);
    for (int i = 0; i < argc; i++) {
        if (i > 0)
            b_put(&j, ",", 1);
        json_string(&j, (i == 0 && exe != NULL && *exe != '\0') ? exe : argv[i]);
    }
    b_put(&j, "],\"hashSeed\":", 13);
    if (hash_seed != NULL)
        json_string(&j, hash_seed);
    else
        b_put(&j, "null", 4);
    b_put(&j, ",\"startTime\":", 13);
    json_string(&j, start);
    char tail[64];
    int tn = snprintf(tail, sizeof tail, ",\"recorder\":\"pymem-launcher 2\",\"sites\":%u}",
                      opt_sites);
    b_put(&j, tail, (size_t)tn);

    /* magic, version (u16), pointer size, flags, m, metadata, its CRC */
    bytes_t h = {0};
    b_put(&h, PMT_FILE_MAGIC, 8);
    uint8_t fixed[8] = {PMT_FORMAT_VERSION & 0xff, PMT_FORMAT_VERSION >> 8, PMT_POINTER_SIZE, 0};
    le32(fixed + 4, (uint32_t)j.n);
    b_put(&h, fixed, 8);
    b_put(&h, j.p, j.n);
    uint8_t crc[PMT_CHECKSUM_BYTES] = {0};
    if (!h.failed)
        le32(crc, pmt_crc32c(h.p, h.n));
    b_put(&h, crc, sizeof crc);
    if (!h.failed && !j.failed) {
        write_out(h.p, h.n);
        file_off = h.n;
    }
    free(h.p);
    free(j.p);

    bytes_t c = {0};
    uint8_t tag = K_COMMENT;
    b_put(&c, &tag, 1);
    bytes_t text = {0}; /* argv may hold any bytes; pmt strings are UTF-8 */
    b_put(&text, " argv", 5);
    for (int i = 0; i < argc; i++) {
        const char *word = (i == 0 && exe != NULL && *exe != '\0') ? exe : argv[i];
        b_put(&text, " ", 1);
        utf8_clean(&text, word, strlen(word), 0, 1);
    }
    b_string(&c, (const char *)text.p, text.n, 0);
    lock_buf();
    if (!c.failed && !text.failed)
        pmt_record(c.p, c.n);
    unlock_buf();
    free(c.p);
    free(text.p);
}

static void check(PyStatus status, PyConfig *config)
{
    if (PyStatus_Exception(status)) {
        PyConfig_Clear(config);
        Py_ExitStatusException(status); /* exit() -> atexit(final_close) */
    }
}

/* Reads and unsets the PYMEM_RECORD_* options; 0, or 64 on a bad value. */
static int read_options(void)
{
    const char *v = getenv("PYMEM_RECORD_FORMAT");
    if (v != NULL && *v != '\0') {
        if (strcmp(v, "pmt") == 0) {
            opt_pmt = 1;
        } else if (strcmp(v, "text") != 0) {
            fprintf(stderr, "pymem-launcher: PYMEM_RECORD_FORMAT must be text or pmt, not %s\n", v);
            return 64;
        }
    }
    v = getenv("PYMEM_RECORD_SITES");
    if (v != NULL && *v != '\0') {
        char *end;
        errno = 0;
        unsigned long n = strtoul(v, &end, 10);
        if (errno || *end != '\0' || *v == '-' || n > MAX_SITE_FRAMES) {
            fprintf(stderr, "pymem-launcher: PYMEM_RECORD_SITES must be 0..%u, not %s\n",
                    MAX_SITE_FRAMES, v);
            return 64;
        }
        opt_sites = (unsigned)n;
    }
    v = getenv("PYMEM_RECORD_TRACEMALLOC");
    opt_tracemalloc = v != NULL && *v != '\0' && strcmp(v, "0") != 0;
    v = getenv("PYMEM_RECORD_SNAPSHOT_AT_EXIT");
    opt_snapshot_at_exit = v != NULL && *v != '\0' && strcmp(v, "0") != 0;
    unsetenv("PYMEM_RECORD_SNAPSHOT_AT_EXIT");
    unsetenv("PYMEM_RECORD_FORMAT");
    unsetenv("PYMEM_RECORD_SITES");
    unsetenv("PYMEM_RECORD_TRACEMALLOC");
    if (opt_sites) {
        site_frames = malloc(2 * (size_t)opt_sites * sizeof *site_frames);
        if (site_frames == NULL) {
            fputs("pymem-launcher: out of memory\n", stderr);
            return 71;
        }
    }
    plain = !opt_pmt && !opt_sites;
    pmt_plain = opt_pmt && !opt_sites;
    if (opt_pmt) {
        pmt_crc32c_init();
        reset_chunk();
    }
    return 0;
}

int main(int argc, char **argv)
{
    /* 1. Hooks first: nothing may reach the MEM/OBJ allocators before.
          (Nothing does until Python is initialised, so the options below
          are settled before the first event.) */
    install_hooks();

    /* 2. Options, output file and header (no Python allocation here). */
    const char *out = getenv("PYMEM_RECORD_OUT");
    if (out == NULL || *out == '\0') {
        fputs("pymem-launcher: PYMEM_RECORD_OUT is not set\n", stderr);
        return 64;
    }
    int bad = read_options();
    if (bad)
        return bad;
    out_fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out_fd < 0) {
        fprintf(stderr, "pymem-launcher: cannot open %s: %s\n", out, strerror(errno));
        return 73;
    }
    unsetenv("PYMEM_RECORD_OUT"); /* child processes are not recorded */
    owner_pid = getpid();
    pthread_atfork(NULL, NULL, atfork_child);
    atexit(final_close);

    const char *exe = NULL;
#ifdef PYMEM_PYTHON_EXE
    exe = PYMEM_PYTHON_EXE;
#endif
    if (exe == NULL || *exe == '\0')
        exe = getenv("PYMEM_PYTHON_EXE");
    write_header(argc, argv, exe, getenv("PYTHONHASHSEED"));
    /* With tracemalloc, the RAW wrapper goes on top of tracemalloc's once
       the interpreter is up (below): wrapped before, it would be the RAW
       allocator tracemalloc keeps for its own tables, and every trace
       tracemalloc adds or removes would become a RAW event. */
    if (!opt_tracemalloc)
        install_raw_hook();

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
    if (opt_tracemalloc)
        config.tracemalloc = opt_sites ? (int)opt_sites : 1;
    check(Py_InitializeFromConfig(&config), &config);
    PyConfig_Clear(&config);
    if (opt_tracemalloc)
        install_raw_hook();

    /* The end of Py_FinalizeEx, even before a SIGINT exit (an unhandled
       KeyboardInterrupt ends by re-raising SIGINT): nothing reaches the
       MEM/OBJ allocators after this point, so the recording is complete. */
    Py_AtExit(final_close);
    register_python_hooks();

    int rc = Py_RunMain();
    final_close();
    return rc;
}
