# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
""":func:`eightk.documents.nesting.nesting_depth`, compiled: the same estimate, by a scan of the
bytes in C.

Why this exists (a measured hot loop): the estimate reads every tag of every HTML document
before Lexbor parses it, and in Python it cost as much as the compiled walk of the whole tree.
Here the tags are read as :data:`nesting._TOKEN_RE` finds them (``<`` and a name, or a
comment to its ``-->``; scanning on right after a name, so a ``<b`` inside an attribute
counts, as there), each distinct token is looked up once in a table of this call, and what
it does is decided once, by :func:`nesting._token_action` (the one copy of the rules): at
import for the tokens of the elements of :data:`nesting._KNOWN` (see :class:`Rules`), once
per document for the others.
``tests/test_cwalk.py`` checks the two give the same depth on the corpus and generated HTML.
"""

from libc.stdint cimport uint64_t
from libc.stdlib cimport free, malloc, realloc
from libc.string cimport memchr, memcpy, memset

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


cdef enum:
    SHORT_BITS = 9
    SHORT_SLOTS = 1 << SHORT_BITS
    SHORT_MAX = 15  # the longest name packed in two words: the length and "/" take the last byte


cdef struct Short:
    uint64_t lo, hi  # the packed token (see _pack); hi 0: an empty slot
    int what
    int key


cdef inline void _pack(const uchar *name, size_t m, bint closing, Short *out) noexcept:
    """A name of 1 to SHORT_MAX characters, lower-cased, in two words: byte k of the sixteen its
    character k, the last one its length and whether the token ends an element (0x80)."""
    cdef uint64_t lo = 0, hi = (<uint64_t> m | (0x80 if closing else 0)) << 56
    cdef size_t k
    for k in range(m if m < 8 else 8):
        lo |= (<uint64_t> _lower(name[k])) << (8 * k)
    for k in range(8, m):
        hi |= (<uint64_t> _lower(name[k])) << (8 * (k - 8))
    out.lo, out.hi = lo, hi


cdef inline Short *_short_slot(Short *shorts, Short *token) noexcept:
    """The slot of ``token`` in ``shorts``: the one holding it, or the empty one it would take."""
    cdef size_t j = <size_t> (((token.lo ^ (token.hi * 0xC2B2AE3D27D4EB4FULL)) * 0x9E3779B97F4A7C15ULL)
                              >> (64 - SHORT_BITS))
    while (shorts[j].lo != token.lo or shorts[j].hi != token.hi) and shorts[j].hi != 0:
        j = (j + 1) & (SHORT_SLOTS - 1)
    return &shorts[j]


cdef class Rules:
    """What each token does, by ``token_action`` (nesting._token_action, the one copy of the
    rules), decided once for the tokens of ``names`` (the elements documents use, and their end
    tags): a table every document's starts from. Why: deciding a document's few dozen distinct
    tokens in Python (a call each) cost a quarter of the estimate."""
    cdef Short shorts[SHORT_SLOTS]  # the tokens of names of up to SHORT_MAX characters
    cdef size_t short_used
    cdef dict keys  # key (bytes) -> its number
    cdef object action

    def __cinit__(self, object token_action, object names):
        cdef Short *slot
        cdef Short token
        cdef bytes name
        memset(self.shorts, 0, sizeof(self.shorts))
        self.short_used = 0
        self.keys = {}
        self.action = token_action
        for name in names:
            if not 0 < len(name) <= SHORT_MAX:
                continue
            for closing in (False, True):
                what, key = token_action(b"/" + name if closing else name)
                number = self.keys.setdefault(key, len(self.keys))
                _pack(<const uchar *> name, len(name), closing, &token)
                slot = _short_slot(self.shorts, &token)
                if slot.hi == 0 and (self.short_used + 1) * 2 <= SHORT_SLOTS:  # half full at most
                    slot.lo, slot.hi, slot.what, slot.key = token.lo, token.hi, what, number
                    self.short_used += 1


cdef class _Table:
    """The distinct tokens of one document: open addressing on a hash of the lower-cased name;
    in front of it, the tokens of names of up to SHORT_MAX characters (nearly all: td, div,
    span...) by their packed word, found with one comparison (those of the rules' names
    decided already)."""
    cdef Token *slots
    cdef size_t mask, used, short_used
    cdef Short shorts[SHORT_SLOTS]
    cdef Short spare  # the answer for a short name met once the short table is three quarters full
    cdef Rules rules
    cdef dict keys  # key (bytes) -> its number, for the keys the rules do not know

    def __cinit__(self, Rules rules):
        cdef size_t i
        self.mask = 255
        self.used = 0
        self.slots = <Token *> malloc((self.mask + 1) * sizeof(Token))
        if self.slots == NULL:
            raise MemoryError()
        for i in range(self.mask + 1):
            self.slots[i].hash = 0
            self.slots[i].name = NULL
        memcpy(self.shorts, rules.shorts, sizeof(self.shorts))
        self.short_used = rules.short_used
        self.rules = rules
        self.keys = {}

    def __dealloc__(self):
        cdef size_t i
        if self.slots != NULL:
            for i in range(self.mask + 1):
                free(self.slots[i].name)
            free(self.slots)

    cdef inline Short *find_short(self, const uchar *data, size_t start, size_t end, bint closing) except NULL:
        """The token of a name of up to SHORT_MAX characters (found by :meth:`find` the first time)."""
        cdef Short token
        cdef Short *s
        cdef Token *t
        _pack(data + start, end - start, closing, &token)
        s = _short_slot(self.shorts, &token)
        if s.hi == token.hi and s.lo == token.lo:
            return s
        t = self.find(data, start, end, closing)
        if self.short_used * 4 >= SHORT_SLOTS * 3:  # (a slot not taken: this one keeps empty)
            s = &self.spare
        else:
            self.short_used += 1
        s.lo, s.hi, s.what, s.key = token.lo, token.hi, t.what, t.key
        return s

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
        what, key = self.rules.action(bytes(name[:n]))
        number = self.rules.keys.get(key)
        if number is None:
            number = self.keys.get(key)
        if number is None:
            number = self.keys[key] = len(self.rules.keys) + len(self.keys)
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


def nesting_depth(bytes data, Rules rules) -> int:
    """The estimate of :func:`eightk.documents.nesting.nesting_depth` for ``data``, with
    ``rules`` (its ``_token_action``) deciding what each distinct token does."""
    cdef const uchar *p = data
    cdef size_t n = len(data), i = 0, start
    cdef bint closing
    cdef Token *t
    cdef _Table table = _Table(rules)
    cdef int *stack = NULL
    cdef int *open_count = NULL
    cdef Py_ssize_t depth = 0, cap_stack = 0, cap_count = 0, max_depth = 0
    cdef int key, k, what
    cdef const char *found
    cdef const uchar *lt
    cdef Short *short
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
            if i - start <= SHORT_MAX:
                short = table.find_short(p, start, i, closing)
                what, key = short.what, short.key
            else:
                t = table.find(p, start, i, closing)
                what, key = t.what, t.key
            if what == NOTHING:
                continue
            if key >= cap_count:
                _grow(&open_count, &cap_count, key + 1, True)
            if what != OPEN:  # an end tag, or a <p>, <li>, <td>... closing the open one of its kind
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
                if what == CLOSE:
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
