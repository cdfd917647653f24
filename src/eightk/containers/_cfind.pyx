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
eight bytes on, rare in any text); the tail, and machines without SSE2, use ``memmem``.
"""

from cpython.bytes cimport PyBytes_AS_STRING, PyBytes_GET_SIZE

cdef extern from *:
    """
    #include <string.h>
    #if defined(__SSE2__)
    #include <emmintrin.h>
    #endif
    /* the first place needle[0:k] stands in s[0:n], or -1; memmem is a GNU extension (glibc,
       musl, the BSDs and macOS have it), declared since Python.h defines _GNU_SOURCE */
    static Py_ssize_t eightk_find(const unsigned char *s, Py_ssize_t n, const unsigned char *p, Py_ssize_t k) {
        Py_ssize_t i = 0;
    #if defined(__SSE2__)
        if (k >= 2) {
            const Py_ssize_t b = k - 1;
            const __m128i second = _mm_set1_epi8((char) p[1]), last = _mm_set1_epi8((char) p[b]);
            for (; i + k + 15 <= n; i += 16) {  /* both loads end inside s */
                __m128i x = _mm_loadu_si128((const __m128i *) (s + i + 1));
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
