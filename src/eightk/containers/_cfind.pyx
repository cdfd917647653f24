# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
""":func:`eightk.containers.submission._find_windowed` compiled: ``data.find(needle, start, end)``
by the C library's ``memmem``.

Why this exists (a measured hot loop): splitting a submission reads all of its bytes once
for the ``DOCUMENT>`` tags, and every HTML document up to 1 MB for ``<ix:header``. CPython's
``bytes.find`` does that at 1.4-2.0 GB/s on EDGAR text (its skip loop stops at every ``>``
and at every letter of the needle), glibc's ``memmem`` at 3.3-4.3 GB/s (measured on the
corpus's full submissions): the split took about a tenth of the full parse. The result is
``bytes.find``'s, offset for offset (``tests/test_containers_search.py`` compares them).
"""

from cpython.bytes cimport PyBytes_AS_STRING, PyBytes_GET_SIZE

cdef extern from "string.h" nogil:
    # a GNU extension (glibc, musl, the BSDs and macOS have it); Python.h defines _GNU_SOURCE
    void *memmem(const void *haystack, size_t haystacklen, const void *needle, size_t needlelen)

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
    cdef Py_ssize_t m = PyBytes_GET_SIZE(needle)
    cdef const void *at
    cdef const char *pattern = PyBytes_AS_STRING(needle)
    if m == 0 or start < 0:
        raise ValueError("find takes a non-empty needle and a start >= 0")
    if end > n:
        end = n
    if end - start < m:
        return -1
    with nogil:
        at = memmem(base + start, <size_t>(end - start), pattern, <size_t>m)
    return -1 if at == NULL else <const unsigned char *>at - base
