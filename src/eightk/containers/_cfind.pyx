# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
""":func:`eightk.containers.submission._find_windowed` compiled: ``data.find(needle, start, end)``;
and ``is_ascii``, a document's ASCII test without copying its bytes out of the file's.

Why this exists (a measured hot loop): splitting a submission reads all of its bytes once
for the ``DOCUMENT>`` tags, and every HTML document up to 1 MB for ``<ix:header``. CPython's
``bytes.find`` does that at 1.4-2.0 GB/s on EDGAR text (its skip loop stops at every ``>``
and at every letter of the needle), glibc's ``memmem`` at 3.3-4.3 GB/s, and the search below
at 5-6 GB/s (measured on the corpus's full submissions, where it is bound by memory): the
split took about a tenth of the full parse. The result is ``bytes.find``'s, offset for offset
(``tests/test_containers_search.py`` compares them).

The search (SSE2, on every x86-64): 16 places at a time, the needle's second and last bytes
compared at once, and the whole needle only where both agree ("DOCUMENT>": an "O" and a ">"
eight bytes on, rare in any text); 32 at a time where the CPU has AVX2; the tail, and machines
without SSE2, use ``memmem``.

The text finders' anchors (:mod:`eightk.extract.hits`) use it too, over the lowered text of a
document: ``needle_starts`` finds all the strings of a ``Needled`` anchor, where one
``str.find`` loop a string in Python read at about 1 GB/s; ``lowered`` and ``capital_runs`` read
a str in one pass each, where the ASCII codec, ``bytes.lower``/``translate`` and a regex made
copies. Each gives what the Python code beside it gives (``tests/test_finders_cfind.py``).
"""

from cpython.bytes cimport PyBytes_AS_STRING, PyBytes_GET_SIZE
from libc.stdlib cimport free, malloc, qsort, realloc
from libc.string cimport memset

cdef extern from *:
    """
    #include <string.h>
    #if defined(__SSE2__)
    #include <emmintrin.h>
    #endif
    #if defined(__x86_64__) && defined(__GNUC__)
    #include <immintrin.h>
    #define EIGHTK_AVX2 1
    /* the search below, 32 places at a time, on a CPU with AVX2 (the finders search the
       lowered text of a document for ~60 strings: twice as fast as 16 at a time, measured on
       the corpus's texts); the first match, or -1 and in *from where the 16-at-a-time loop goes on */
    __attribute__((target("avx2")))
    static Py_ssize_t eightk_find_avx2(const unsigned char *s, Py_ssize_t n, const unsigned char *p, Py_ssize_t k,
                                       Py_ssize_t *from) {
        const Py_ssize_t a = k > 2, b = k - 1;
        const __m256i second = _mm256_set1_epi8((char) p[a]), last = _mm256_set1_epi8((char) p[b]);
        Py_ssize_t i = 0;
        for (; i + k + 31 <= n; i += 32) {  /* both loads end inside s */
            __m256i x = _mm256_loadu_si256((const __m256i *) (s + i + a));
            __m256i y = _mm256_loadu_si256((const __m256i *) (s + i + b));
            unsigned m = (unsigned) _mm256_movemask_epi8(_mm256_and_si256(_mm256_cmpeq_epi8(second, x),
                                                                          _mm256_cmpeq_epi8(last, y)));
            while (m) {
                int bit = __builtin_ctz(m);
                if (memcmp(s + i + bit, p, (size_t) k) == 0) return i + bit;
                m &= m - 1;
            }
        }
        *from = i;
        return -1;
    }
    #endif
    /* the first place needle[0:k] stands in s[0:n], or -1; memmem is a GNU extension (glibc,
       musl, the BSDs and macOS have it), declared since Python.h defines _GNU_SOURCE */
    static Py_ssize_t eightk_find(const unsigned char *s, Py_ssize_t n, const unsigned char *p, Py_ssize_t k) {
        Py_ssize_t i = 0;
    #if defined(EIGHTK_AVX2)
        if (k >= 2 && __builtin_cpu_supports("avx2")) {
            Py_ssize_t at = eightk_find_avx2(s, n, p, k, &i);
            if (at >= 0) return at;
        }
    #endif
    #if defined(__SSE2__)
        if (k >= 2) {
            /* the second byte, or the first of two (where the second is the last) */
            const Py_ssize_t a = k > 2, b = k - 1;
            const __m128i second = _mm_set1_epi8((char) p[a]), last = _mm_set1_epi8((char) p[b]);
            for (; i + k + 15 <= n; i += 16) {  /* both loads end inside s */
                __m128i x = _mm_loadu_si128((const __m128i *) (s + i + a));
                __m128i y = _mm_loadu_si128((const __m128i *) (s + i + b));
                unsigned m = (unsigned) _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(second, x),
                                                                         _mm_cmpeq_epi8(last, y)));
                while (m) {
                    int bit = __builtin_ctz(m);
                    if (memcmp(s + i + bit, p, (size_t) k) == 0) return i + bit;
                    m &= m - 1;
                }
            }
        }
    #endif
        if (n - i < k) return -1;
        const void *at = memmem(s + i, (size_t) (n - i), p, (size_t) k);
        return at ? (const unsigned char *) at - s : -1;
    }
    """
    Py_ssize_t eightk_find(const unsigned char *s, Py_ssize_t n, const unsigned char *p, Py_ssize_t k) nogil

cdef extern from *:
    """
    #include <stdint.h>
    /* whether s[0:n] is all ASCII: eight bytes at a time */
    static int eightk_is_ascii(const unsigned char *s, Py_ssize_t n) {
        Py_ssize_t i = 0;
        uint64_t acc = 0, w;
        for (; i + 8 <= n; i += 8) {
            memcpy(&w, s + i, 8);
            acc |= w;
        }
        for (; i < n; i++) acc |= s[i];
        return (acc & 0x8080808080808080ULL) == 0;
    }
    """
    bint eightk_is_ascii(const unsigned char *s, Py_ssize_t n) nogil

cdef extern from *:
    """
    /* whether s[0:n] looks binary: a NUL, or more than 5% control bytes (0-8, 14-26, 28-31) */
    static int eightk_looks_binary(const unsigned char *s, Py_ssize_t n) {
        Py_ssize_t i, control = 0;
        unsigned char c;
        if (n <= 0) return 0;
        if (memchr(s, 0, (size_t) n) != NULL) return 1;
        /* branch-free, so that the compiler can count 16 bytes at a time */
        for (i = 0; i < n; i++) {
            c = s[i];
            control += (c < 9) | ((unsigned char) (c - 14) < 13) | ((unsigned char) (c - 28) < 4);
        }
        return (double) control / (double) n > 0.05;
    }
    """
    bint eightk_looks_binary(const unsigned char *s, Py_ssize_t n) nogil

cdef extern from *:
    """
    /* The text finders' scans of a str (see eightk.extract.hits): each reads the characters of
       one of the three widths CPython stores a str in. */
    #define EIGHTK_BY_KIND(kind, data, T, ...) \
        switch (kind) { \
        case PyUnicode_1BYTE_KIND: { const Py_UCS1 *T = (const Py_UCS1 *) (data); __VA_ARGS__; break; } \
        case PyUnicode_2BYTE_KIND: { const Py_UCS2 *T = (const Py_UCS2 *) (data); __VA_ARGS__; break; } \
        default: { const Py_UCS4 *T = (const Py_UCS4 *) (data); __VA_ARGS__; break; } }

    /* out[i]: s[i] lower-cased when an ASCII letter, itself when other ASCII, else '?'.
       Branch-free, so that the compiler does 16 characters at a time. */
    static void eightk_lowered(int kind, const void *data, Py_ssize_t n, unsigned char *out) {
        Py_ssize_t i;
        EIGHTK_BY_KIND(kind, data, s, for (i = 0; i < n; i++) {
            Py_UCS4 c = s[i];
            unsigned char b = c < 128 ? (unsigned char) c : (unsigned char) '?';
            out[i] = b | (unsigned char) (((unsigned char) (b - 'A') < 26) << 5);
        })
    }

    /* whether c is an ASCII letter, digit or '_' */
    static inline int eightk_word(Py_UCS4 c) {
        return c < 128 && (((c | 32) - 'a' < 26u) || c - '0' < 10u || c == '_');
    }

    /* kinds[i]: 'A' for an ASCII capital at s[i], 'a' for another ASCII letter, digit or '_', ' '
       for any other character. Branch-free, so that the compiler does 16 characters at a time:
       a loop asking each character in turn took 1.6 ns a character (the branch at each capital
       mispredicted), this and the search of its "AAA " a tenth of that. */
    static void eightk_case_kinds(int kind, const void *data, Py_ssize_t n, unsigned char *kinds) {
        Py_ssize_t i;
        EIGHTK_BY_KIND(kind, data, s, for (i = 0; i < n; i++) {
            Py_UCS4 c = s[i];
            unsigned char b = c < 128 ? (unsigned char) c : (unsigned char) 0;
            unsigned char up = (unsigned char) (b - 'A') < 26, low = (unsigned char) (b - 'a') < 26;
            unsigned char other = low | ((unsigned char) (b - '0') < 10) | (b == '_');
            kinds[i] = (unsigned char) (' ' + up * ('A' - ' ') + other * ('a' - ' '));
        })
    }

    static int eightk_cmp(const void *a, const void *b) {
        Py_ssize_t x = *(const Py_ssize_t *) a, y = *(const Py_ssize_t *) b;
        return (x > y) - (x < y);
    }
    """
    void eightk_lowered(int kind, const void *data, Py_ssize_t n, unsigned char *out) nogil
    void eightk_case_kinds(int kind, const void *data, Py_ssize_t n, unsigned char *kinds) nogil
    int eightk_cmp(const void *a, const void *b) noexcept nogil

cdef extern from "Python.h":
    object PyUnicode_New(Py_ssize_t size, Py_UCS4 maxchar)
    int PyUnicode_KIND(object s)
    void *PyUnicode_DATA(object s)
    Py_UCS4 PyUnicode_READ(int kind, void *data, Py_ssize_t index) nogil
    bint PyUnicode_IS_ASCII(object s)

cdef extern from *:
    """
    #ifndef CFIND_SOURCE_SHA256
    #define CFIND_SOURCE_SHA256 ""
    #endif
    """
    const char *CFIND_SOURCE_SHA256

#: the sha256 of the _cfind.pyx this module was compiled from (see documents/_cwalk.SOURCE_SHA256)
SOURCE_SHA256 = CFIND_SOURCE_SHA256.decode()


def find(data, bytes needle, Py_ssize_t start, Py_ssize_t end) -> int:
    """``data.find(needle, start, end)`` for ``0 <= start`` and a non-empty ``needle``; ``data``
    is bytes or another buffer (a read-only mmap of a large file)."""
    if type(data) is bytes:  # the common case, read in place (no buffer to acquire)
        return _find(<const unsigned char *>PyBytes_AS_STRING(data), PyBytes_GET_SIZE(data), needle, start, end)
    cdef const unsigned char[::1] view = data
    if view.shape[0] == 0:
        return -1
    return _find(&view[0], view.shape[0], needle, start, end)


cdef Py_ssize_t _find(const unsigned char *base, Py_ssize_t n, bytes needle, Py_ssize_t start, Py_ssize_t end):
    cdef Py_ssize_t m = PyBytes_GET_SIZE(needle), at
    cdef const unsigned char *pattern = <const unsigned char *> PyBytes_AS_STRING(needle)
    if m == 0 or start < 0:
        raise ValueError("find takes a non-empty needle and a start >= 0")
    if end > n:
        end = n
    if end - start < m:
        return -1
    with nogil:
        at = eightk_find(base + start, end - start, pattern, m)
    return -1 if at < 0 else at + start


def is_ascii(data, Py_ssize_t start, Py_ssize_t end) -> bool:
    """``data[start:end].isascii()`` without copying the bytes (``0 <= start``)."""
    return _test(data, start, end, _ASCII)


def looks_binary(data, Py_ssize_t start, Py_ssize_t end) -> bool:
    """``submission.looks_binary(data[start:end])`` without copying the bytes (``0 <= start``):
    the test runs on a sample of every document, where the Python one's ``bytes.translate``
    took ~3.5 us a document."""
    return _test(data, start, end, _BINARY)


cdef enum _Test:
    _ASCII
    _BINARY


cdef bint _test(data, Py_ssize_t start, Py_ssize_t end, _Test test) except -1:
    """``test`` of ``data[start:end]``, read in place (bytes, or another buffer: a read-only mmap)."""
    cdef const unsigned char *base
    cdef Py_ssize_t n
    cdef const unsigned char[::1] view
    if start < 0:
        raise ValueError("is_ascii and looks_binary take a start >= 0")
    if type(data) is bytes:  # the common case, read in place (no buffer to acquire)
        base, n = <const unsigned char *>PyBytes_AS_STRING(data), PyBytes_GET_SIZE(data)
    else:
        view = data
        n = view.shape[0]
        base = &view[0] if n else NULL
    if end > n:
        end = n
    if end <= start:  # nothing to read: all ASCII, not binary
        return test == _ASCII
    with nogil:
        return eightk_is_ascii(base + start, end - start) if test == _ASCII else eightk_looks_binary(base + start, end - start)


# --- the text finders' scans (eightk.extract.hits) ---------------------------------------------


def lowered(str text) -> str:
    """``hits.lowered(text)``: the ASCII letters lower-cased, every other character that is not
    ASCII made "?", one character for each. In one pass over the str, where the ASCII codec's
    "replace", ``bytes.lower`` and the decode were three (38 us a filing on the corpus)."""
    cdef Py_ssize_t n = len(text)
    out = PyUnicode_New(n, 127)
    eightk_lowered(PyUnicode_KIND(text), PyUnicode_DATA(text), n, <unsigned char *> PyUnicode_DATA(out))
    return out


def capital_runs(str text) -> list:
    """Where three ASCII capitals end a word in ``text``: before a character that is no ASCII
    letter, digit or "_", or the end (see ``hits.CapitalWords``), in order."""
    cdef Py_ssize_t n = len(text), pos = 0, at
    cdef unsigned char *kinds = <unsigned char *> malloc(n + 1)
    if kinds == NULL:
        raise MemoryError()
    out = []
    try:
        eightk_case_kinds(PyUnicode_KIND(text), PyUnicode_DATA(text), n, kinds)
        kinds[n] = ord(" ")  # the end ends a word
        while True:  # (the runs found are 4 apart at least: none overlap)
            at = eightk_find(kinds + pos, n + 1 - pos, <const unsigned char *> b"AAA ", 4)
            if at < 0:
                return out
            out.append(pos + at)
            pos += at + 4
    finally:
        free(kinds)


def needle_starts(str low, str text, tuple needles, bytes first=None) -> list:
    """The places a match of a ``hits.Needled`` anchor may start, in order, each once: for each
    ``(needle, backs, cased)`` of ``needles`` and each place ``i`` the (lower-case, ASCII, bytes)
    ``needle`` stands in ``low``, ``i - back`` for each of ``backs`` that is not negative; with
    ``cased`` (a str), only where ``text`` holds ``cased`` itself at ``i``; with ``first`` (ASCII
    characters), only where ``text`` holds one of them at ``i - back``. ``low`` is
    ``lowered(text)``."""
    if not PyUnicode_IS_ASCII(low) or len(low) != len(text):
        raise ValueError("needle_starts reads lowered(text) and text")
    cdef const unsigned char *s = <const unsigned char *> PyUnicode_DATA(low)
    cdef Py_ssize_t n = len(low), k, at, pos, i, count = 0, room = 64, back
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef const unsigned char *p
    cdef bytes needle
    cdef str cased
    cdef Py_ssize_t *starts = <Py_ssize_t *> malloc(room * sizeof(Py_ssize_t))
    cdef Py_ssize_t *grown
    cdef unsigned char opens[128]  # opens[c]: a match may start with the character c
    cdef Py_UCS4 c
    cdef Py_ssize_t bk[8]  # a needle's distances back
    cdef Py_ssize_t nb
    cdef bint filtered = first is not None
    memset(opens, 0, sizeof(opens))
    if first is not None:
        for c in first:
            if c >= 128:
                raise ValueError("first holds ASCII characters")
            opens[c] = 1
    if starts == NULL:
        raise MemoryError()
    try:
        for needle, backs, cased in needles:
            p, k = <const unsigned char *> PyBytes_AS_STRING(needle), PyBytes_GET_SIZE(needle)
            if k == 0 or (cased is not None and len(cased) != k) or not 0 < len(backs) <= 8:
                raise ValueError("a needle is a non-empty string, its cased form as long, with 1-8 distances back")
            nb = len(backs)
            for i in range(nb):  # read once, not as objects at every place (a tenth of the time)
                bk[i] = backs[i]
            pos = 0
            while n - pos >= k:
                at = eightk_find(s + pos, n - pos, p, k)
                if at < 0:
                    break
                at += pos
                pos = at + 1
                if cased is not None and not _holds(kind, data, at, cased, k):
                    continue
                for i in range(nb):
                    back = bk[i]
                    if at - back < 0:
                        continue
                    if filtered:
                        c = PyUnicode_READ(kind, data, at - back)
                        if c >= 128 or not opens[c]:
                            continue
                    if count == room:
                        room *= 2
                        grown = <Py_ssize_t *> realloc(starts, room * sizeof(Py_ssize_t))
                        if grown == NULL:
                            raise MemoryError()
                        starts = grown
                    starts[count] = at - back
                    count += 1
        qsort(starts, count, sizeof(Py_ssize_t), eightk_cmp)
        out = []
        for i in range(count):
            if i == 0 or starts[i] != starts[i - 1]:
                out.append(starts[i])
        return out
    finally:
        free(starts)


cdef bint _holds(int kind, void *data, Py_ssize_t at, str cased, Py_ssize_t k):
    """Whether the str of ``kind`` and ``data`` holds ``cased`` (``k`` long) at ``at``."""
    cdef Py_ssize_t j
    cdef Py_UCS4 want
    for j in range(k):
        want = cased[j]
        if PyUnicode_READ(kind, data, at + j) != want:
            return False
    return True
