# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
""":func:`eightk.documents.nesting.nesting_depth`, compiled: the same estimate, by a scan of the
bytes in C.

Why this exists (a measured hot loop): the estimate reads every tag of every HTML document
before Lexbor parses it, and in Python it cost as much as the compiled walk of the whole tree.
Here the tags are read as :data:`nesting._TOKEN_RE` finds them (``<`` and a name, or a
comment to its ``-->``; scanning on right after a name, so a ``<b`` inside an attribute
counts, as there), each distinct token is looked up once in a table of this call, and what
it does is decided once, by :func:`nesting._token_action` (the one copy of the rules).
``tests/test_cwalk.py`` checks the two give the same depth on the corpus and generated HTML.
"""

from libc.stdlib cimport free, malloc, realloc
from libc.string cimport memchr, memcpy

cdef extern from *:
    """
    #ifndef CNESTING_SOURCE_SHA256
    #define CNESTING_SOURCE_SHA256 ""
    #endif
    """
    const char *CNESTING_SOURCE_SHA256

#: the sha256 of the _cnesting.pyx this module was compiled from (see _cwalk.SOURCE_SHA256)
SOURCE_SHA256 = CNESTING_SOURCE_SHA256.decode()

ctypedef unsigned char uchar

# FNV-1a (64 bits)
cdef size_t FNV_OFFSET = 14695981039346656037ULL
cdef size_t FNV_PRIME = 1099511628211ULL

cdef enum:
    NOTHING = 0
    OPEN = 1
    GROUP_OPEN = 2
    CLOSE = 3


cdef struct Token:
    size_t hash  # 0: an empty slot
    uchar *name  # lower-cased, "/" first for an end tag
    size_t length
    int what
    int key


cdef inline bint _name_char(uchar c) noexcept:
    return (97 <= c <= 122) or (65 <= c <= 90) or (48 <= c <= 57) or c == 58 or c == 95 or c == 46 or c == 45


cdef inline uchar _lower(uchar c) noexcept:
    return c + 32 if 65 <= c <= 90 else c


cdef class _Table:
    """The distinct tokens of one document: open addressing on a hash of the lower-cased name."""
    cdef Token *slots
    cdef size_t mask, used
    cdef dict keys  # key (bytes) -> its number
    cdef object action  # nesting._token_action

    def __cinit__(self, object action):
        cdef size_t i
        self.mask = 255
        self.used = 0
        self.slots = <Token *> malloc((self.mask + 1) * sizeof(Token))
        if self.slots == NULL:
            raise MemoryError()
        for i in range(self.mask + 1):
            self.slots[i].hash = 0
            self.slots[i].name = NULL
        self.keys = {}
        self.action = action

    def __dealloc__(self):
        cdef size_t i
        if self.slots != NULL:
            for i in range(self.mask + 1):
                free(self.slots[i].name)
            free(self.slots)

    cdef Token *find(self, const uchar *data, size_t start, size_t end, bint closing) except NULL:
        """The token of the name ``data[start:end]`` (an end tag's when ``closing``)."""
        cdef size_t h = FNV_OFFSET if not closing else FNV_OFFSET ^ 47
        cdef size_t i, j, n = end - start + (1 if closing else 0)
        cdef Token *t
        cdef bint same
        for i in range(start, end):
            h = (h ^ _lower(data[i])) * FNV_PRIME
        h |= 1  # never 0 (the empty slot)
        j = h & self.mask
        while True:
            t = &self.slots[j]
            if t.hash == 0:
                return self.add(t, h, data, start, end, closing)
            if t.hash == h and t.length == n:
                same = (t.name[0] == 47) == closing
                i = 1 if closing else 0
                while same and i < n:
                    same = t.name[i] == _lower(data[start + i - (1 if closing else 0)])
                    i += 1
                if same:
                    return t
            j = (j + 1) & self.mask

    cdef Token *add(self, Token *t, size_t h, const uchar *data, size_t start, size_t end, bint closing) except NULL:
        cdef size_t i, n = end - start + (1 if closing else 0)
        cdef uchar *name = <uchar *> malloc(n + 1)
        if name == NULL:
            raise MemoryError()
        if closing:
            name[0] = 47
        for i in range(start, end):
            name[i - start + (1 if closing else 0)] = _lower(data[i])
        what, key = self.action(bytes(name[:n]))
        number = self.keys.get(key)
        if number is None:
            number = self.keys[key] = len(self.keys)
        t.hash, t.name, t.length, t.what, t.key = h, name, n, what, number
        self.used += 1
        if self.used * 2 > self.mask:
            self.grow()
            return self.find(data, start, end, closing)
        return t

    cdef void grow(self) except *:
        cdef size_t old_mask = self.mask, i, j
        cdef Token *old = self.slots
        cdef Token *slots = <Token *> malloc((2 * old_mask + 2) * sizeof(Token))
        if slots == NULL:
            raise MemoryError()
        self.mask = 2 * old_mask + 1
        for i in range(self.mask + 1):
            slots[i].hash = 0
            slots[i].name = NULL
        for i in range(old_mask + 1):
            if old[i].hash:
                j = old[i].hash & self.mask
                while slots[j].hash:
                    j = (j + 1) & self.mask
                memcpy(&slots[j], &old[i], sizeof(Token))
        free(old)
        self.slots = slots


cdef int _grow(int **array, Py_ssize_t *cap, Py_ssize_t need, bint zero) except -1:
    cdef Py_ssize_t new_cap = cap[0]
    cdef Py_ssize_t i
    while new_cap < need:
        new_cap = 2 * new_cap + 64
    cdef int *grown = <int *> realloc(array[0], new_cap * sizeof(int))
    if grown == NULL:
        raise MemoryError()
    if zero:
        for i in range(cap[0], new_cap):
            grown[i] = 0
    array[0] = grown
    cap[0] = new_cap
    return 0


def nesting_depth(bytes data, object token_action) -> int:
    """The estimate of :func:`eightk.documents.nesting.nesting_depth` for ``data``, with its
    ``_token_action`` deciding what each distinct token does."""
    cdef const uchar *p = data
    cdef size_t n = len(data), i = 0, start
    cdef bint closing
    cdef Token *t
    cdef _Table table = _Table(token_action)
    cdef int *stack = NULL
    cdef int *open_count = NULL
    cdef Py_ssize_t depth = 0, cap_stack = 0, cap_count = 0, max_depth = 0
    cdef int key, k
    cdef const char *found
    cdef const uchar *lt
    try:
        while i < n:
            lt = <const uchar *> memchr(p + i, 60, n - i)  # the next "<"
            if lt == NULL:
                break
            i = lt - p + 1
            if i < n and p[i] == 33 and i + 2 < n and p[i + 1] == 45 and p[i + 2] == 45:  # "<!--"
                found = _find_comment_end(p, i + 3, n)
                i = <size_t> (found - <const char *> p) if found != NULL else n
                continue
            closing = i < n and p[i] == 47  # "/"
            start = i + 1 if closing else i
            if start >= n or not ((97 <= p[start] <= 122) or (65 <= p[start] <= 90)):
                continue  # no tag here: scan on from the next byte
            i = start + 1
            while i < n and _name_char(p[i]):
                i += 1
            t = table.find(p, start, i, closing)
            if t.what == NOTHING:
                continue
            key = t.key
            if key >= cap_count:
                _grow(&open_count, &cap_count, key + 1, True)
            if t.what != OPEN:  # an end tag, or a <p>, <li>, <td>... closing the open one of its kind
                if depth and stack[depth - 1] == key:
                    depth -= 1
                    open_count[key] -= 1
                elif open_count[key]:
                    while True:
                        depth -= 1
                        k = stack[depth]
                        open_count[k] -= 1
                        if k == key:
                            break
                if t.what == CLOSE:
                    continue
            if depth >= cap_stack:
                _grow(&stack, &cap_stack, depth + 1, False)
            stack[depth] = key
            depth += 1
            open_count[key] += 1
            if depth > max_depth:
                max_depth = depth
        return max_depth
    finally:
        free(stack)
        free(open_count)


cdef const char *_find_comment_end(const uchar *p, size_t i, size_t n) noexcept:
    """Where the comment whose text starts at ``i`` ends: past its first ``-->``; NULL when it
    runs to the end."""
    while i + 2 < n:
        if p[i] == 45 and p[i + 1] == 45 and p[i + 2] == 62:
            return <const char *> p + i + 3
        i += 1
    return NULL
