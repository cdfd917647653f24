# cython: language_level=3, boundscheck=False, initializedcheck=False
"""The HTML walk of :mod:`eightk.documents.html`, compiled: the same rules, over Lexbor's nodes.

Why this exists (a measured hot loop): the walk is half of a filing's parse. In Python, every
step of it goes through selectolax's ``Node`` objects (one new Python object per child,
sibling and attribute read), and that, not the rules, is most of its cost. This module walks
the same tree Lexbor built for selectolax, through Lexbor's own C functions (taken from
selectolax's extension module by ``dlsym``, where they are exported), and applies the rules of
``html._Walker`` line for line. The Python walker stays as the reference and the fallback:
``tests/test_cwalk.py`` checks the two give the same view, field for field, on the samples,
generated HTML and (under CI) every HTML document of the corpus; ``html.py`` uses this module
only when :func:`setup` found every function and read a probe document right.

One thing is read from Lexbor's memory directly: a text node's characters, at the offset that
:func:`setup` finds and checks on a probe node (as selectolax itself reads them, by the
struct's layout; no function returns them without a copy).
"""

cimport cython
from cpython.object cimport PyObject, PyTypeObject
from cpython.ref cimport Py_INCREF
from cpython.unicode cimport (Py_UNICODE_ISSPACE, PyUnicode_4BYTE_KIND, PyUnicode_DATA, PyUnicode_DecodeASCII,
                              PyUnicode_DecodeUTF8, PyUnicode_KIND, PyUnicode_READ_CHAR)
from libc.stdint cimport UINT32_MAX, uint32_t, uint64_t, uintptr_t
from libc.stdlib cimport free, malloc, realloc
from libc.string cimport memchr, memcmp, memcpy, memset, strlen
from posix.dlfcn cimport RTLD_NOW, dlopen, dlsym

cdef extern from *:
    """
    #ifndef CWALK_SOURCE_SHA256
    #define CWALK_SOURCE_SHA256 ""
    #endif
    """
    const char *CWALK_SOURCE_SHA256

#: the sha256 of the _cwalk.pyx this module was compiled from (setup.py passes it; '' when built
#: otherwise): tests/test_cwalk.py checks it against the source, so a stale build cannot pass
SOURCE_SHA256 = CWALK_SOURCE_SHA256.decode()

ctypedef unsigned char uchar
ctypedef void *(*node_fn)(void *) noexcept nogil
ctypedef uintptr_t (*tag_fn)(void *) noexcept nogil
ctypedef const uchar *(*name_fn)(void *, size_t *) noexcept nogil
ctypedef int (*type_fn)(void *) noexcept nogil  # an enum: an int, not a word

# Lexbor's functions (set once by setup(), then only read)
cdef node_fn c_first_child = NULL
cdef node_fn c_next = NULL
cdef tag_fn c_tag_id = NULL
cdef type_fn c_node_type = NULL
cdef name_fn c_element_name = NULL
cdef node_fn c_first_attr = NULL
cdef node_fn c_next_attr = NULL
cdef name_fn c_attr_name = NULL
cdef name_fn c_attr_value = NULL
# where a text node keeps its characters (a lexbor_str_t: data pointer, then length)
cdef Py_ssize_t TEXT_AT = -1

# the rules and helpers of html.py (set by setup(): the one copy of each)
cdef object H = None
cdef dict TAG_TO_NAME = None
cdef object Block = None
cdef object Cell = None
cdef object DocumentView = None
cdef object IxCollector = None
cdef dict TRANSLATE = None
cdef frozenset BLOCK_TAGS = None
cdef frozenset ALL_BLOCK = None
cdef dict TAG_STYLE = None
cdef frozenset IX_FACTS = None
cdef frozenset IX_OTHER = None  # ixbrl.OTHER_TAGS
cdef tuple IX_MEMBER_TAGS = None  # ixbrl._MEMBER_TAGS
cdef tuple IX_DATE_TAGS = None  # ixbrl._DATE_TAGS
cdef Py_ssize_t MAX_FACT_DEPTH = 0  # ixbrl.MAX_FACT_DEPTH
cdef Py_ssize_t MAX_FACTS = 0  # ixbrl.MAX_FACTS
cdef object FOLD = None  # ixbrl._fold
cdef object PERIOD_OF = None  # ixbrl.period_of
cdef object VALUE_OF = None  # ixbrl._value
cdef uintptr_t TEXT_ID = 0
cdef int MARK_BASE = 0
cdef int MARK_MAX = 0

cdef enum:
    SMALL_IDS = 512  # Lexbor's own tags have ids below this (others' ids are addresses)

# what a tag does (html._tag_kind's kinds; the same numbers)
cdef enum:
    K_IGNORE = 0
    K_SKIP = 1
    K_INLINE = 2
    K_IX = 3
    K_OTHER = 4
    K_BLOCK = 5
    K_CELL = 6
    K_PLAIN = 7

# what closing an element does (the dispatch of html._Walker.walk's close branch and exit())
cdef enum:
    C_NONE = 0
    C_TD = 1  # td, th
    C_TR = 2
    C_BLOCK = 3  # html._BLOCK_TAGS
    C_IX = 4  # an iXBRL element that does nothing when it closes (ix:header, ix:hidden...)
    C_OTHER = 5  # anything else (only its page break acts)
    # the iXBRL elements that act (the tests of html._Walker.walk's iXBRL branch and exit_ix,
    # made once per tag, not per element: a tenth of the elements of the corpus are iXBRL)
    C_IX_HEADER = 6  # ix:header: its content hidden (nothing when it closes)
    C_IX_FACT = 7  # html._IX_FACTS; from here on, the ones that act when they close
    C_IX_EXCLUDE = 8  # ix:exclude
    C_IX_PART = 9  # ixbrl.OTHER_TAGS: a context and its parts, reported to the collector

# what a tag's memo holds besides its kind (_info): its close kind, and for html._Walker.walk's
# branch of the other elements (K_OTHER, K_BLOCK) the tests of the tag it makes, made once per
# tag, not per element (each a string comparison or a set lookup: 3% of the walk)
cdef enum:
    I_CLOSE = 15  # the close kind (C_)
    I_HEAD = 1 << 4  # which element: head
    I_CELL = 2 << 4  # td, th
    I_TR = 3 << 4
    I_HR = 4 << 4
    I_TABLE = 5 << 4
    I_WHICH = 7 << 4
    I_BLOCK = 1 << 7  # a block (K_BLOCK, or in html._ALL_BLOCK)
    I_STYLE = 8  # the shift of html._TAG_STYLE's kind of the tag (0: none, or not K_OTHER)

# html._style_flags as bits
cdef enum:
    S_HIDDEN = 1
    S_BREAK_BEFORE = 2
    S_BREAK_AFTER = 4
    S_BOLD = 8
    S_NOT_BOLD = 16
    S_UNDER = 32
    S_CENTER = 64
    S_NOT_CENTER = 128

# the saved style state: bold, under, centered, hidden, pre
cdef enum:
    F_BOLD = 1
    F_UNDER = 2
    F_CENTERED = 4
    F_HIDDEN = 8
    F_PRE = 16

# a frame: what going back up to an element does
cdef enum:
    A_NOTHING = 0  # an inline element that changed no state
    A_RESTORE = 1  # restore the saved state only
    A_CLOSE = 2  # close the element (its close kind), then restore


cdef inline int _pack(bint bold, bint under, bint centered, bint hidden, bint pre) noexcept:
    """The style state as F_ bits (what a frame saves)."""
    return bold * F_BOLD | under * F_UNDER | centered * F_CENTERED | hidden * F_HIDDEN | pre * F_PRE


cdef inline (bint, bint, bint, bint, bint) _unpack(int saved) noexcept:
    return ((saved & F_BOLD) != 0, (saved & F_UNDER) != 0, (saved & F_CENTERED) != 0, (saved & F_HIDDEN) != 0,
            (saved & F_PRE) != 0)


cdef struct Frame:
    void *node
    uintptr_t tag_id
    int action
    int close
    int saved
    bint exit_break


def setup(str library, size_t probe_text, bytes probe, object html_module, dict tag_to_name) -> bool:
    """Find Lexbor's functions in selectolax's extension module ``library`` and the offset of a
    text node's characters (``probe_text``: the address of a text node holding ``probe``);
    take the rules from ``html_module``. False (and this module unused) when anything is off."""
    global c_first_child, c_next, c_tag_id, c_element_name, c_first_attr, c_next_attr
    global c_attr_name, c_attr_value, c_node_type, TAG_TO_NAME, TEXT_AT, H, Block, Cell, DocumentView, IxCollector
    global TRANSLATE, BLOCK_TAGS, ALL_BLOCK, TAG_STYLE, IX_FACTS, IX_OTHER, TEXT_ID, MARK_BASE, MARK_MAX
    global IX_MEMBER_TAGS, IX_DATE_TAGS, MAX_FACT_DEPTH, MAX_FACTS, FOLD, PERIOD_OF, VALUE_OF
    cdef bytes path = library.encode()
    cdef void *lib = dlopen(path, RTLD_NOW)
    if lib == NULL:
        return False
    syms = [<size_t> dlsym(lib, name) for name in (
        b"lxb_dom_node_first_child_noi", b"lxb_dom_node_next_noi", b"lxb_dom_node_tag_id_noi",
        b"lxb_dom_element_qualified_name",
        b"lxb_dom_element_first_attribute_noi", b"lxb_dom_element_next_attribute_noi",
        b"lxb_dom_attr_qualified_name", b"lxb_dom_attr_value_noi", b"lxb_dom_node_type_noi")]
    if 0 in syms:
        return False
    c_first_child = <node_fn> <size_t> syms[0]
    c_next = <node_fn> <size_t> syms[1]
    c_tag_id = <tag_fn> <size_t> syms[2]
    c_element_name = <name_fn> <size_t> syms[3]
    c_first_attr = <node_fn> <size_t> syms[4]
    c_next_attr = <node_fn> <size_t> syms[5]
    c_attr_name = <name_fn> <size_t> syms[6]
    c_attr_value = <name_fn> <size_t> syms[7]
    c_node_type = <type_fn> <size_t> syms[8]
    # the characters of the probe text node: a (pointer, length) pair past the node's header
    cdef char *node = <char *> probe_text
    cdef Py_ssize_t at
    cdef size_t n = len(probe)
    TEXT_AT = -1
    for at in range(48, 200, 8):
        if (<size_t *> (node + at + 8))[0] == n and memcmp((<char **> (node + at))[0], <char *> probe, n) == 0:
            TEXT_AT = at
            break
    if TEXT_AT < 0:
        return False
    H = html_module
    TAG_TO_NAME = tag_to_name
    Block, Cell, DocumentView = H.Block, H.Cell, H.DocumentView
    IxCollector = H.IxCollector
    _find_slots(Block, BLOCK_AT, 12)
    _find_slots(Cell, CELL_AT, 3)
    if BLOCK_AT[0] >= 0 and (_block("t", 1, 2, "row", [], 3, True, False, True, False, True)
                             != Block("t", 1, 2, "row", [], 3, True, False, True, False, True)):
        BLOCK_AT[0] = -1
    if CELL_AT[0] >= 0 and _cell("t", 1, 2) != Cell("t", 1, 2):
        CELL_AT[0] = -1
    TRANSLATE = H._TRANSLATE
    BLOCK_TAGS = H._BLOCK_TAGS
    ALL_BLOCK = H._ALL_BLOCK
    TAG_STYLE = H._TAG_STYLE
    IX_FACTS = H._IX_FACTS
    from eightk.documents import ixbrl
    IX_OTHER = ixbrl.OTHER_TAGS
    IX_MEMBER_TAGS, IX_DATE_TAGS = ixbrl._MEMBER_TAGS, ixbrl._DATE_TAGS
    MAX_FACT_DEPTH, MAX_FACTS = ixbrl.MAX_FACT_DEPTH, ixbrl.MAX_FACTS
    FOLD = ixbrl._fold
    PERIOD_OF = ixbrl.period_of
    VALUE_OF = ixbrl._value
    TEXT_ID = H._TEXT_ID
    MARK_BASE = H._MARK_BASE
    MARK_MAX = H._MARK_MAX
    return True


# -- Block and Cell without their __init__ ------------------------------------------------------
# Why (a measured hot loop): a filing's views hold about 100 blocks and 250 cells, and the
# dataclasses' __init__ is Python code (a frame, a call with eleven arguments): 230 and 130 ns
# each, against a fifth of that here. A slotted class keeps each field in a slot at a fixed
# place in the object, which its member descriptor names: setup reads those places, and makes
# one Block and one Cell both ways to check that they are equal; where anything differs (a
# field that is not a plain slot, a __post_init__, an __init__ that changes the sample), Block(...)
# and Cell(...) are called as before. The arguments are Block's and Cell's, in their order, as
# the calls they replace; tests/test_cwalk.py compares every view (repr of the blocks, so the
# types too) with the Python walk's, which calls Block(...) and Cell(...).

cdef extern from "Python.h":
    ctypedef struct PyMemberDef:
        const char *name
        int type
        Py_ssize_t offset
        int flags
    ctypedef struct PyMemberDescrObject:
        PyMemberDef *d_member
    object PyType_GenericAlloc(PyTypeObject *type, Py_ssize_t nitems)

cdef extern from *:
    """
    /* a member that holds an object (AttributeError when unset): Python 3.12 named it anew */
    #if PY_VERSION_HEX >= 0x030C0000
    #define EIGHTK_T_OBJECT_EX Py_T_OBJECT_EX
    #else
    #include "structmember.h"
    #define EIGHTK_T_OBJECT_EX T_OBJECT_EX
    #endif
    static int eightk_generic_alloc(PyTypeObject *type) { return type->tp_alloc == PyType_GenericAlloc; }
    """
    bint _generic_alloc "eightk_generic_alloc"(PyTypeObject *type)
    int _T_OBJECT_EX "EIGHTK_T_OBJECT_EX"

cdef Py_ssize_t BLOCK_AT[12]  # where Block's fields are, in the order of its fields (-1: unknown)
cdef Py_ssize_t CELL_AT[3]
BLOCK_AT[0] = CELL_AT[0] = -1


cdef void _find_slots(object cls, Py_ssize_t *at, int n):
    """Set ``at`` to the places of the ``n`` fields of the slotted dataclass ``cls``, or
    ``at[0]`` to -1 when one is not a plain object slot (or the class does more on __init__)."""
    import dataclasses
    import types
    at[0] = -1
    names = [f.name for f in dataclasses.fields(cls)]
    if (len(names) != n or hasattr(cls, "__post_init__") or not _generic_alloc(<PyTypeObject *> cls)
            or list(cls.__dict__.get("__slots__", ())) != names):
        return
    places = []
    for name in names:
        desc = cls.__dict__.get(name)
        if type(desc) is not types.MemberDescriptorType:
            return
        member = (<PyMemberDescrObject *> desc).d_member
        if member.type != _T_OBJECT_EX or member.flags != 0:
            return
        places.append(member.offset)
    for i in range(n):
        at[i] = places[i]


cdef inline void _put(object obj, Py_ssize_t at, object value):
    """Set the (empty) slot at ``at`` of a new object to ``value``."""
    Py_INCREF(value)
    (<PyObject **> (<char *> <PyObject *> obj + at))[0] = <PyObject *> value


cdef object _block(str text, Py_ssize_t start, Py_ssize_t end, str kind, list cells, Py_ssize_t indent,
                   bint centered, bint bold, bint underlined, bint in_table, bint page_break):
    """Block(text, start, end, kind, cells, indent, centered, bold, underlined, in_table, page_break)."""
    if BLOCK_AT[0] < 0:
        return Block(text, start, end, kind, cells, indent, centered, bold, underlined, in_table, page_break)
    obj = PyType_GenericAlloc(<PyTypeObject *> Block, 0)
    _put(obj, BLOCK_AT[0], text)
    _put(obj, BLOCK_AT[1], start)
    _put(obj, BLOCK_AT[2], end)
    _put(obj, BLOCK_AT[3], kind)
    _put(obj, BLOCK_AT[4], cells)
    _put(obj, BLOCK_AT[5], indent)
    _put(obj, BLOCK_AT[6], centered)
    _put(obj, BLOCK_AT[7], bold)
    _put(obj, BLOCK_AT[8], underlined)
    _put(obj, BLOCK_AT[9], in_table)
    _put(obj, BLOCK_AT[10], page_break)
    _put(obj, BLOCK_AT[11], False)  # hidden
    return obj


cdef object _cell(str text, Py_ssize_t start, Py_ssize_t end):
    """Cell(text, start, end)."""
    if CELL_AT[0] < 0:
        return Cell(text, start, end)
    obj = PyType_GenericAlloc(<PyTypeObject *> Cell, 0)
    _put(obj, CELL_AT[0], text)
    _put(obj, CELL_AT[1], start)
    _put(obj, CELL_AT[2], end)
    return obj


def fast_classes() -> tuple:
    """Whether Block and Cell are made without their __init__ (for the tests)."""
    return BLOCK_AT[0] >= 0, CELL_AT[0] >= 0


def slots_readable(object cls, int n) -> bool:
    """Whether _find_slots reads the ``n`` fields of ``cls`` (for the tests)."""
    cdef Py_ssize_t at[16]
    if not 0 < n <= 16:
        return False
    _find_slots(cls, at, n)
    return at[0] >= 0


cdef inline str _decode(const uchar *data, size_t n):
    return PyUnicode_DecodeUTF8(<const char *> data, n, "replace")


# what _scan finds in a text node's bytes
cdef enum:
    T_NON_ASCII = 1  # a byte past ASCII (then Python decides the rest)
    T_NOT_SPACE = 2  # an ASCII character that str.isspace does not call space
    T_TRANSLATE = 4  # a character html._TRANSLATE changes


cdef inline bint _ascii_space(uchar c) noexcept:
    """White space to str.split among the ASCII characters _scan lets through untranslated."""
    return c == 32 or 9 <= c <= 13


cdef inline bint _re_space(uchar c) noexcept:
    """An ASCII character str.isspace (and so re's \\s) calls space: also 28-31."""
    return _ascii_space(c) or 28 <= c <= 31


cdef inline int _scan(const uchar *data, size_t n) noexcept:
    cdef size_t i = 0, j
    cdef uchar c, d
    cdef uint64_t w
    cdef int res = 0
    while i < n:
        # Eight bytes of space and printable ASCII (0x20 to 0x7E: most of any text) at a time: no
        # byte below 0x20 and none above 0x7E (the SWAR tests of "has a byte less than" and "more
        # than"). Why (a measured hot loop): the test of each byte was a twentieth of the walk.
        j = n
        if i + 8 <= n:
            memcpy(&w, data + i, 8)
            if not (((w - 0x2020202020202020ULL) & ~w) | (w + 0x0101010101010101ULL) | w) & 0x8080808080808080ULL:
                if w != 0x2020202020202020ULL:  # (not all spaces)
                    res |= T_NOT_SPACE
                i += 8
                continue
            j = i + 8
        while i < j:
            c = data[i]
            if c >= 0x80:
                res |= T_NON_ASCII
                # the characters of html._NEEDS_TRANSLATE past ASCII, as UTF-8: U+0080-U+009F and
                # U+00AD (C2 xx), U+200B-U+200D and U+2060 (E2 80/81 xx), U+FEFF (EF BB BF)
                if i + 1 < n:
                    d = data[i + 1]
                    if c == 0xC2 and (0x80 <= d <= 0x9F or d == 0xAD):
                        res |= T_TRANSLATE
                    elif i + 2 < n and ((c == 0xE2 and d == 0x80 and 0x8B <= data[i + 2] <= 0x8D)
                                        or (c == 0xE2 and d == 0x81 and data[i + 2] == 0xA0)
                                        or (c == 0xEF and d == 0xBB and data[i + 2] == 0xBF)):
                        res |= T_TRANSLATE
            elif _ascii_space(c):
                pass
            elif 28 <= c <= 31:  # space to str.isspace, removed by html._TRANSLATE
                res |= T_TRANSLATE
            else:
                res |= T_NOT_SPACE
                if c < 9 or 14 <= c <= 27 or c == 127:
                    res |= T_TRANSLATE
            i += 1
    return res


cdef inline size_t _utf8_length(const uchar *s, size_t i, size_t n) noexcept:
    """The length of the well-formed UTF-8 sequence at ``s[i]`` (1 to 4), or 0 where there is
    none (a stray continuation byte, an overlong form, a surrogate, past U+10FFFF, cut short)."""
    cdef uchar c = s[i], lo = 0x80, hi = 0xBF
    cdef size_t k, j
    if c < 0x80:
        return 1
    if 0xC2 <= c <= 0xDF:
        k = 2
    elif 0xE0 <= c <= 0xEF:
        k = 3
        if c == 0xE0:
            lo = 0xA0
        elif c == 0xED:
            hi = 0x9F
    elif 0xF0 <= c <= 0xF4:
        k = 4
        if c == 0xF0:
            lo = 0x90
        elif c == 0xF4:
            hi = 0x8F
    else:
        return 0
    if i + k > n or not lo <= s[i + 1] <= hi:
        return 0
    for j in range(2, k):
        if not 0x80 <= s[i + j] <= 0xBF:
            return 0
    return k


cdef inline Py_ssize_t _utf8_space(const uchar *s, size_t i, size_t n) noexcept:
    """The length of the white space character at ``s[i]`` (what str.split splits on: the
    characters str.isspace calls space, encoded in UTF-8), or 0 where there is none."""
    cdef uchar c = s[i], d, e
    if c < 0x80:
        return 1 if _re_space(c) else 0
    if c == 0xC2:
        return 2 if i + 1 < n and (s[i + 1] == 0x85 or s[i + 1] == 0xA0) else 0
    if i + 2 >= n or not (c == 0xE1 or c == 0xE2 or c == 0xE3):
        return 0
    d, e = s[i + 1], s[i + 2]
    if c == 0xE1:  # U+1680
        return 3 if d == 0x9A and e == 0x80 else 0
    if c == 0xE3:  # U+3000
        return 3 if d == 0x80 and e == 0x80 else 0
    if d == 0x80:  # U+2000-U+200A, U+2028, U+2029, U+202F
        return 3 if 0x80 <= e <= 0x8A or e == 0xA8 or e == 0xA9 or e == 0xAF else 0
    return 3 if d == 0x81 and e == 0x9F else 0  # U+205F


def utf8_space(bytes data) -> int:
    """_utf8_space at the start of ``data`` (for the tests)."""
    return _utf8_space(<const uchar *> data, 0, len(data)) if data else 0


def utf8_length(bytes data) -> int:
    """_utf8_length at the start of ``data`` (for the tests)."""
    return _utf8_length(<const uchar *> data, 0, len(data)) if data else 0


cdef struct Attrs:
    # the three attributes the walk reads (NULL when absent or empty)
    const uchar *style
    size_t style_n
    const uchar *align
    size_t align_n
    const uchar *colspan
    size_t colspan_n


cdef void _read_attrs(void *node, Attrs *out) noexcept:
    """``style``, ``align`` and ``colspan`` in one pass over the element's attributes (the last
    of duplicate names, as selectolax's ``attributes`` dict keeps it)."""
    cdef size_t klen = 0
    cdef size_t vlen = 0
    cdef const uchar *k
    cdef const uchar *v
    cdef void *attr = c_first_attr(node)
    out.style = out.align = out.colspan = NULL
    out.style_n = out.align_n = out.colspan_n = 0
    while attr != NULL:
        k = c_attr_name(attr, &klen)
        if k != NULL and (klen == 5 or klen == 7):
            v = c_attr_value(attr, &vlen)
            if v == NULL:
                vlen = 0
            if klen == 5 and memcmp(k, b"style", 5) == 0:
                out.style, out.style_n = v, vlen
            elif klen == 5 and memcmp(k, b"align", 5) == 0:
                out.align, out.align_n = v, vlen
            elif klen == 7 and memcmp(k, b"colspan", 7) == 0:
                out.colspan, out.colspan_n = v, vlen
        attr = c_next_attr(attr)


cdef struct Named:
    # the attributes of an iXBRL element the collector reads, in its methods' order (NULL: absent)
    const uchar *value[5]
    size_t n[5]


# what IxCollector.start_fact reads of a fact, and start_other of a context or member
cdef const char *FACT_ATTRS[5]
cdef const char *OTHER_ATTRS[2]
FACT_ATTRS[:] = [b"name", b"contextref", b"format", b"scale", b"sign"]
OTHER_ATTRS[:] = [b"id", b"dimension"]


cdef void _read_named(void *node, const char **names, int count, Named *out) noexcept:
    """The attributes ``names`` in one pass over the element's attributes (the last of duplicate
    names, as selectolax's ``attributes`` dict keeps it). Why (a measured hot path): a dict of
    every attribute, decoded, cost a fact or context about 1 us."""
    cdef size_t klen = 0
    cdef size_t vlen = 0
    cdef const uchar *k
    cdef const uchar *v
    cdef int i
    cdef void *attr = c_first_attr(node)
    memset(out, 0, sizeof(Named))
    while attr != NULL:
        k = c_attr_name(attr, &klen)
        if k != NULL:
            for i in range(count):
                if klen == strlen(names[i]) and memcmp(k, names[i], klen) == 0:
                    v = c_attr_value(attr, &vlen)
                    out.value[i], out.n[i] = v, vlen if v != NULL else 0
                    break
        attr = c_next_attr(attr)


cdef inline object _named(Named *a, int i):
    """Attribute ``i`` of ``a`` as Node.attributes.get gives it (None: absent or without a value)."""
    return _decode(a.value[i], a.n[i]) if a.value[i] != NULL else None


cdef int _bits_of(const uchar *raw, Py_ssize_t n, str style) except? -1:
    """html._style_flags of a style as bits (``raw``: its UTF-8 bytes, ``style``: its text, or
    None for their decoding): in C for an ASCII style that is not too long (nearly all), else
    by html.py."""
    cdef int bits = _ascii_style_bits(raw, n)
    if bits >= 0:
        return bits
    return _python_style_bits(style if style is not None else _decode(raw, n))


def style_bits(str style) -> int:
    """:func:`html._style_flags` of ``style`` as this module's bits (for the tests)."""
    cdef bytes raw = style.encode("utf-8", "surrogatepass")
    return _bits_of(<const uchar *> raw, len(raw), style)


def python_style_bits(str style) -> int:
    """The same from html._style_flags itself (the reference the tests compare with)."""
    return _python_style_bits(style)


cdef int _python_style_bits(str style):
    sf = H._style_flags(style)
    cdef int bits = 0
    if sf[0]:
        bits |= S_HIDDEN
    if sf[1]:
        bits |= S_BREAK_BEFORE
    if sf[2]:
        bits |= S_BREAK_AFTER
    if sf[3] > 0:
        bits |= S_BOLD
    elif sf[3] < 0:
        bits |= S_NOT_BOLD
    if sf[4]:
        bits |= S_UNDER
    if sf[5] > 0:
        bits |= S_CENTER
    elif sf[5] < 0:
        bits |= S_NOT_CENTER
    return bits


# -- html._style_flags in C, for ASCII styles ---------------------------------------------------
# Why (a measured hot loop): a filing's HTML has about 110 distinct styles per document, and
# html._style_flags (a lower-casing, substring tests and up to eight regex searches) took a
# sixth of the compiled walk. Each regex of html.py is matched here as written, at every place
# its literal start occurs; ``\s`` is Python's white space among ASCII characters (tab to
# carriage return, 28-31 and space), and lower-casing ASCII is A-Z to a-z. A style with any
# other character goes to html._style_flags (tests/test_cwalk.py compares the two on every
# style of the corpus and on generated ones).

cdef enum:
    STYLE_MAX = 4096  # a longer style goes to html._style_flags


cdef inline Py_ssize_t _skip_space(const uchar *s, Py_ssize_t i, Py_ssize_t n) noexcept:
    while i < n and _re_space(s[i]):
        i += 1
    return i


cdef inline Py_ssize_t _find_at(const uchar *s, Py_ssize_t n, const char *word, Py_ssize_t i) noexcept:
    """The first place ``word`` stands in ``s`` at or after ``i``, or -1."""
    cdef Py_ssize_t m = strlen(word)
    cdef const uchar *at
    cdef const uchar *last = s + n - m  # the last place the word can start
    if i < 0 or n - i < m:
        return -1
    # memchr to each place of the word's first byte, then a comparison of the rest: faster than
    # memmem on styles of a few dozen bytes (memmem prepares its search first)
    at = s + i
    while at <= last:
        at = <const uchar *> memchr(at, word[0], last - at + 1)
        if at == NULL:
            return -1
        if memcmp(at + 1, word + 1, m - 1) == 0:
            return at - s
        at += 1
    return -1


cdef bint _starts_any(const uchar *s, Py_ssize_t i, Py_ssize_t n, const char *words) noexcept:
    """Whether one of ``words`` ("bold|normal": alternatives split by "|") stands in ``s`` at ``i``."""
    cdef const char *w = words
    cdef Py_ssize_t k
    while True:
        k = 0
        while w[k] != 0 and w[k] != 124 and i + k < n and s[i + k] == <uchar> w[k]:
            k += 1
        if w[k] == 0 or w[k] == 124:  # the whole alternative stands there
            return True
        while w[k] != 0 and w[k] != 124:
            k += 1
        if w[k] == 0:
            return False
        w += k + 1


cdef bint _property_is(const uchar *s, Py_ssize_t n, const char *prop, const char *words, uchar lo,
                       uchar hi) noexcept:
    """``prop\\s*(words)`` somewhere in ``s`` (``prop`` ends with its colon; ``words`` split by
    "|"), or ``prop\\s*[lo-hi]00`` when ``lo`` is not 0."""
    cdef Py_ssize_t m = strlen(prop), i = _find_at(s, n, prop, 0), j
    while i >= 0:
        j = _skip_space(s, i + m, n)
        if _starts_any(s, j, n, words):
            return True
        if lo and j + 2 < n and lo <= s[j] <= hi and s[j + 1] == 48 and s[j + 2] == 48:
            return True
        i = _find_at(s, n, prop, i + 1)
    return False


cdef inline bint _before(const uchar *s, Py_ssize_t j, const char *name, Py_ssize_t m) noexcept:
    """Whether ``name`` (``m`` bytes) stands in ``s`` just before ``j``."""
    return j >= m and memcmp(s + j - m, name, m) == 0


cdef bint _value_is(const uchar *s, Py_ssize_t j, Py_ssize_t n, const char *words, uchar lo, uchar hi) noexcept:
    """``:\\s*(words)`` in ``s`` from its colon at ``j`` (``words`` split by "|"), or
    ``:\\s*[lo-hi]00`` when ``lo`` is not 0."""
    j = _skip_space(s, j + 1, n)
    if _starts_any(s, j, n, words):
        return True
    return lo != 0 and j + 2 < n and lo <= s[j] <= hi and s[j + 1] == 48 and s[j + 2] == 48


cdef bint _underline_at(const uchar *s, Py_ssize_t j, Py_ssize_t n) noexcept:
    """_UNDERLINE_RE (``text-decoration[a-z-]*:[^;]*underline``) with its colon at ``j``: the
    name is in the run of [a-z-] before the colon, "underline" before the next ";"."""
    cdef Py_ssize_t i = j, end = j + 1
    while i > 0 and (97 <= s[i - 1] <= 122 or s[i - 1] == 45):
        i -= 1
    if j - i < 15 or _find_at(s + i, j - i, "text-decoration", 0) < 0:
        return False
    while end < n and s[end] != 59:  # ";"
        end += 1
    return _find_at(s, end, "underline", j + 1) >= 0


cdef bint _may_hide_at(const uchar *s, Py_ssize_t j) noexcept:
    """Whether the name before the colon at ``j``, its spaces taken out as _HIDDEN_RE reads it,
    can end "display" or "visibility" (ends "lay" or "ity")."""
    cdef uchar last[3]
    cdef int k = 0
    while j > 0 and k < 3:
        j -= 1
        if s[j] != 32:
            last[k] = s[j]
            k += 1
    return k == 3 and last[0] == 121 and ((last[1] == 97 and last[2] == 108) or (last[1] == 116 and last[2] == 105))


cdef int _ascii_style_bits(const uchar *style, Py_ssize_t n) noexcept:
    """html._style_flags of an ASCII style as bits; -1 for a style with another character or
    too long to read here (html.py reads it).

    Each regex of html._style_flags has a colon right after its property's name: the style is
    read at its colons (a handful), each name checked just before one. Why (a measured hot
    loop): a search of each name through the whole style (memchr to each of its first letter:
    "t", "n", "b" are everywhere in CSS) cost three times as much, and a document of the corpus
    has a hundred new styles on average."""
    cdef uchar low[STYLE_MAX]
    cdef uchar packed[STYLE_MAX]
    cdef Py_ssize_t i, j, k = 0
    cdef const uchar *at
    cdef uchar c, seen = 0
    cdef int bits = 0
    cdef bint may_hide = False
    if n > STYLE_MAX:
        return -1
    for i in range(n):  # (no exit inside: the compiler makes it a vector loop)
        c = style[i]
        seen |= c
        low[i] = c + 32 if 65 <= c <= 90 else c
    if seen >= 0x80:
        return -1
    at = <const uchar *> memchr(low, 58, n)
    while at != NULL:
        j = at - low
        if _before(low, j, "font-weight", 11):
            if _value_is(low, j, n, "bold", 54, 57):  # bold, bolder, 600-900
                bits |= S_BOLD
            elif _value_is(low, j, n, "normal|lighter", 49, 53):  # 100-500
                bits |= S_NOT_BOLD
        if _before(low, j, "text-align", 10):
            if _value_is(low, j, n, "center", 0, 0):
                bits |= S_CENTER
            elif _value_is(low, j, n, "left|right|justify|start|end", 0, 0):
                bits |= S_NOT_CENTER
        if _before(low, j, "break-before", 12) and _value_is(low, j, n, "always|page", 0, 0):
            bits |= S_BREAK_BEFORE
        if _before(low, j, "break-after", 11) and _value_is(low, j, n, "always|page", 0, 0):
            bits |= S_BREAK_AFTER
        if _underline_at(low, j, n):
            bits |= S_UNDER
        if _may_hide_at(low, j):
            may_hide = True
        at = <const uchar *> memchr(at + 1, 58, n - j - 1)
    # one bold (or centred) value anywhere wins over the others (the regex searched first)
    if bits & S_BOLD:
        bits &= ~S_NOT_BOLD
    if bits & S_CENTER:
        bits &= ~S_NOT_CENTER
    if may_hide and (_find_at(low, n, "none", 0) >= 0 or _find_at(low, n, "hidden", 0) >= 0):
        # _HIDDEN_RE reads the style with its spaces (only " ") taken out, where the style itself
        # holds "none" or "hidden" (as html._style_flags asks first)
        for i in range(n):
            if low[i] != 32:
                packed[k] = low[i]
                k += 1
        if _property_is(packed, k, "display:", "none", 0, 0) or _property_is(packed, k, "visibility:", "hidden", 0, 0):
            bits |= S_HIDDEN
    return bits


cdef class _Row:
    cdef list cells  # the lines of each cell (lists of _Out)
    cdef list spans  # the colspan of each cell
    cdef bint layout

    def __cinit__(self):
        self.cells = []
        self.spans = []
        self.layout = False


@cython.freelist(64)
@cython.no_gc
cdef class _Out:
    """A finished block before final positioning (html._Out's tuple, by name): its text (which
    may still hold fact markers), a row's cell texts (every column; None for a paragraph), the
    hints, and whether the text may hold markers. Not a tuple: the walk makes one per block and
    reads its fields in C. Not tracked by the garbage collector: it holds only strings and a
    list of strings, so it cannot be part of a cycle (and GC passes are then rarer)."""
    cdef str text
    cdef list cells
    cdef bint bold, underlined, centered, in_table, page_break, marks
    cdef Py_ssize_t indent


cdef _Out _out(str text, list cells, bint bold, bint underlined, bint centered, bint in_table, bint page_break,
               Py_ssize_t indent, bint marks):
    cdef _Out o = _Out.__new__(_Out)
    o.text = text
    o.cells = cells
    o.bold = bold
    o.underlined = underlined
    o.centered = centered
    o.in_table = in_table
    o.page_break = page_break
    o.indent = indent
    o.marks = marks
    return o


# The kinds, close kinds and names of Lexbor's own tags, by tag id (-1: not met yet), for every
# walk: a tag id below SMALL_IDS is an entry of Lexbor's static table, named the same in every
# document (the other ids, of tags it does not know, are addresses in one document's table, and
# each walk keeps its own). Met once per process, not once per document: about 40 calls of
# html._tag_kind a filing.
cdef signed char KIND_OF[SMALL_IDS]
cdef short INFO_OF[SMALL_IDS]
cdef dict NAME_OF = {}
memset(KIND_OF, -1, SMALL_IDS)


def colspan(bytes raw) -> int:
    """The columns of a ``colspan`` attribute of bytes ``raw``, as the walk reads them (for the tests)."""
    cdef Attrs a
    cdef _Walker w = _Walker(None)
    memset(&a, 0, sizeof(Attrs))
    a.colspan, a.colspan_n = raw, len(raw)
    return w._colspan(&a)


def style_slot(bytes raw) -> int:
    """The slot of the style memo ``raw`` falls in (for the tests, to make styles share one)."""
    return _slot_of(raw, len(raw)) if raw else -1


def walk(size_t root, object sequence):
    """The view of the tree whose root element is at address ``root`` (0: no root)."""
    return _Walker(sequence).walk(<void *> root)


cdef enum:
    STYLE_BITS = 11
    STYLE_SLOTS = 1 << STYLE_BITS


cdef struct StyleSlot:
    const uchar *raw  # a style attribute's bytes met in this walk (Lexbor's: alive as long as the tree)
    uint32_t n  # (16 bytes a slot: the table is zeroed for every walk)
    int bits


cdef inline size_t _slot_of(const uchar *raw, size_t n) noexcept:
    """The slot of a style's bytes: a multiplicative hash of all of them, eight at a time."""
    cdef uint64_t h = n, w = 0
    cdef size_t i = 0
    while i + 8 <= n:
        memcpy(&w, raw + i, 8)
        h = (h ^ w) * 0x9E3779B97F4A7C15ULL
        h ^= h >> 29
        i += 8
    if i < n:
        w = 0
        memcpy(&w, raw + i, n - i)
        h = (h ^ w) * 0x9E3779B97F4A7C15ULL
    return <size_t> (h >> (64 - STYLE_BITS))


cdef int _info(object tag, int kind) except -1:
    """What the memo of ``tag`` (of kind ``kind``) holds besides its kind (see I_CLOSE...)."""
    if kind == K_IX:
        if tag == "ix:header":
            close = C_IX_HEADER
        elif tag in IX_FACTS:
            close = C_IX_FACT
        elif tag == "ix:exclude":
            close = C_IX_EXCLUDE
        elif tag in IX_OTHER:  # (the collector does nothing with the others)
            close = C_IX_PART
        else:
            close = C_IX
    elif tag in ("td", "th"):
        close = C_TD
    elif tag == "tr":
        close = C_TR
    elif tag in BLOCK_TAGS:
        close = C_BLOCK
    else:
        close = C_OTHER
    which = {"head": I_HEAD, "td": I_CELL, "th": I_CELL, "tr": I_TR, "hr": I_HR, "table": I_TABLE}.get(tag, 0)
    style_kind = TAG_STYLE.get(tag, 0) if kind == K_OTHER else 0
    return close | which | (I_BLOCK if kind == K_BLOCK or tag in ALL_BLOCK else 0) | style_kind << I_STYLE


cdef class _Walker:
    cdef object sequence
    cdef list sinks
    cdef list rows
    # ixbrl.IxCollector's state (see _ix_text and the methods after it)
    cdef list ix_facts, ix_stack, ix_caps
    cdef Py_ssize_t ix_too_deep, ix_n_too_deep, ix_n_over, ix_exclude
    cdef dict ix_contexts
    cdef object ix_ctx, ix_member
    # the pending block (html._Pending's fields)
    cdef list parts
    cdef bint content, space, centered_, page_break_, marks
    cdef str gap
    cdef Py_ssize_t n, n_bold, n_under, indent
    cdef bint page_break  # a page break waiting for the next block
    # the collector's ``open`` (any text capture open: ix_caps not empty), kept by _ix_push and
    # _ix_pop for the test of each text node
    cdef bint ix_open
    # memos of this walk
    cdef dict kinds, infos, names, spans
    # the last style met at each slot (see _style); all zero to start with, as every C field of
    # a new object is (tp_alloc clears it: clearing it again cost 2% of the walk)
    cdef StyleSlot style_slots[STYLE_SLOTS]
    cdef Frame *frames
    cdef Py_ssize_t n_frames, cap_frames

    def __cinit__(self, object sequence):
        self.sequence = sequence
        self.sinks = [[]]
        self.rows = []
        self.ix_facts, self.ix_stack, self.ix_caps = [], [], []
        self.ix_too_deep = self.ix_n_too_deep = self.ix_n_over = self.ix_exclude = 0
        self.ix_contexts = {}
        self.ix_ctx = self.ix_member = None
        self.ix_open = False
        self.parts = []
        self.gap = ""
        self.kinds = {}
        self.infos = {}
        self.names = {}
        self.spans = {}
        self.frames = NULL
        self.n_frames = 0
        self.cap_frames = 0

    def __dealloc__(self):
        free(self.frames)

    # -- blocks (html._Walker's methods, the same rules) ----------------------------------------
    cdef void _reset(self):
        self.parts = []
        self.content = self.space = self.centered_ = self.page_break_ = self.marks = False
        self.gap = ""
        self.n = self.n_bold = self.n_under = self.indent = 0

    cdef flush(self):
        cdef Py_ssize_t n
        if self.content:
            n = self.n or 1
            (<list> self.sinks[-1]).append(
                _out("".join(self.parts), None, self.n_bold * 2 > n, self.n_under * 2 > n, self.centered_,
                     bool(self.rows), self.page_break_, self.indent, self.marks))
            self._reset()
            return
        elif self.parts:
            return
        if self.page_break_ and not self.content:
            self.page_break = True

    cdef void _open(self, bint centered):
        """The block's first visible text: its centring, and a page break waiting for it."""
        self.content = True
        self.centered_ = centered
        if self.page_break:
            self.page_break_ = True
            self.page_break = False

    cdef void _count(self, Py_ssize_t k, bint bold, bint under):
        self.n += k
        if bold:
            self.n_bold += k
        if under:
            self.n_under += k

    cdef _add_words(self, str joined, Py_ssize_t k, bint space_after, bint bold, bint under, bint centered):
        """add_text once the words are joined: ``k`` characters but the spaces between words,
        ``space_after`` whether the text ended in white space."""
        if self.content:
            if self.space:
                self.parts.append(" ")
        else:
            self._open(centered)
        self.parts.append(joined)
        self.space = space_after
        self._count(k, bold, under)

    cdef add_text(self, str s, bint bold, bint under, bint centered):
        cdef list words = s.split()
        if not words:
            if s and self.content:
                self.space = True
            return
        if s[0].isspace() and self.content:
            self.space = True
        joined = " ".join(words)
        self._add_words(joined, len(joined) - len(words) + 1, s[-1].isspace(), bold, under, centered)

    cdef add_ascii(self, const uchar *data, size_t n, bint bold, bint under, bint centered):
        """:meth:`add_text` for ASCII text with no character to translate, where white space is
        only tab, line feed, vertical tab, form feed, carriage return and space: its words
        joined by one space in a buffer, with no Python string made of the raw text."""
        cdef char small[256]
        cdef char *buf = small
        if n > 256:
            buf = <char *> malloc(n)
        cdef size_t i = 0, out = 0, words = 0
        if buf == NULL:
            raise MemoryError()
        try:
            while i < n:
                while i < n and _ascii_space(data[i]):
                    i += 1
                if i >= n:
                    break
                if words:
                    buf[out] = 32
                    out += 1
                words += 1
                while i < n and not _ascii_space(data[i]):
                    buf[out] = <char> data[i]
                    out += 1
                    i += 1
            if not words:
                if self.content:
                    self.space = True
                return
            if _ascii_space(data[0]) and self.content:
                self.space = True
            joined = PyUnicode_DecodeASCII(buf, out, NULL)
        finally:
            if buf != small:
                free(buf)
        self._add_words(joined, out - words + 1, _ascii_space(data[n - 1]), bold, under, centered)

    cdef bint add_utf8(self, const uchar *data, size_t n, bint bold, bint under, bint centered) except -1:
        """:meth:`add_text` for UTF-8 text with no character to translate: its words joined by
        one space in a buffer, and one string made of that. False (and nothing done) for bytes
        that are not valid UTF-8, which Python decodes with replacements."""
        cdef char small[256]
        cdef char *buf = small
        cdef size_t i = 0, out = 0, words = 0, chars = 0, k
        cdef Py_ssize_t w = 0
        cdef bint first_space = _utf8_space(data, 0, n) > 0, last_space = False
        if n > 256:
            buf = <char *> malloc(n)
            if buf == NULL:
                raise MemoryError()
        try:
            while i < n:
                while i < n:
                    w = _utf8_space(data, i, n)
                    if w <= 0:
                        break
                    i += w
                    last_space = True
                if i >= n:
                    break
                if words:
                    buf[out] = 32
                    out += 1
                words += 1
                while i < n:
                    if data[i] < 0x80:
                        # an ASCII character (most of any text): copied as it is, or the word's end
                        if _re_space(data[i]):
                            break
                        buf[out] = <char> data[i]
                        out += 1
                        i += 1
                        chars += 1
                        last_space = False
                        continue
                    if _utf8_space(data, i, n) > 0:
                        break
                    k = _utf8_length(data, i, n)
                    if k == 0:
                        return False
                    memcpy(buf + out, data + i, k)
                    out += k
                    i += k
                    chars += 1
                    last_space = False
            if not words:
                if self.content:
                    self.space = True
                return True
            if first_space and self.content:
                self.space = True
            joined = PyUnicode_DecodeUTF8(buf, out, NULL)
        finally:
            if buf != small:
                free(buf)
        self._add_words(joined, chars, last_space, bold, under, centered)
        return True

    cdef add_pre(self, str s, bint bold, bint under, bint centered):
        cdef Py_ssize_t i, lead
        s = s.replace("\xa0", " ").replace("\r", "")
        for i, line in enumerate(s.split("\n")):
            if i:
                self.flush()
            line = line.expandtabs(8)
            body = line.strip()
            if not body:
                if self.content:
                    self.gap += line
                else:
                    self.indent += len(line)
                continue
            lead = len(line) - len(line.lstrip())
            if self.content:
                self.parts.append(self.gap + line[:lead])
            else:
                self.indent += lead
                self._open(centered)
            self.parts.append(body)
            self.gap = line[lead + len(body):]
            self._count(len(body) - body.count(" "), bold, under)

    cdef mark(self, int k):
        self.parts.append(chr(MARK_BASE + k))
        self.marks = True

    cdef end_row(self):
        cdef _Row row = self.rows.pop()
        cdef list parent = self.sinks[-1]
        cdef list cells = row.cells
        cdef Py_ssize_t filled = 0, lines = 0, i, j, n_line, n_bold, n_under, width = 0, column
        cdef bint centered, marks
        cdef list cell, texts, filled_texts
        cdef _Out b, first
        for cell in cells:
            if cell:
                filled += 1
                if len(cell) > lines:
                    lines = len(cell)
        if row.layout or filled <= 1:
            for cell in cells:
                parent.extend(cell)
            return
        for span in row.spans:
            width += <Py_ssize_t> span
        for j in range(lines):
            # every column, empty but the cells' that have a line j (most cells are empty: one
            # list of empty texts, then theirs put in place, not a text appended per column)
            texts = [""] * width
            filled_texts = []  # (the row's text: its non-empty cells joined)
            n_line = n_bold = n_under = 0
            centered, marks = True, False
            first = None
            column = 0
            for i in range(len(cells)):
                cell = cells[i]
                if j < len(cell):
                    b = cell[j]
                    texts[column] = b.text
                    if b.text:
                        filled_texts.append(b.text)
                    if first is None:
                        first = b
                    n_line += 1
                    if b.bold:
                        n_bold += 1
                    if b.underlined:
                        n_under += 1
                    if not b.centered:
                        centered = False
                    if b.marks:
                        marks = True
                column += <Py_ssize_t> row.spans[i]
            parent.append(
                _out(" ".join(filled_texts), texts, n_bold * 2 > n_line, n_under * 2 > n_line, centered,
                     True, first.page_break if first is not None else False, 0, marks))

    cdef exit_ix(self, int close, uintptr_t tag_id):
        """Close an iXBRL element (``close``: its close kind)."""
        cdef Py_ssize_t k
        if close == C_IX_FACT:
            k = self._ix_end_fact()
            if k >= 0 and 2 * k + 1 <= MARK_MAX:  # (-1 for a hidden fact)
                self.mark(2 * k + 1)
        elif close == C_IX_EXCLUDE:
            self.ix_exclude -= 1
        elif close == C_IX_PART:
            self._ix_end_other(self._name(tag_id))

    # -- the iXBRL collection (ixbrl.IxCollector's methods, the same rules) ----------------------
    # Why (a measured hot loop): a document reports about a hundred elements and texts to the
    # collector (over the corpus's views), and calling IxCollector's Python methods cost a fifth
    # of the walk; the facts collected here are made the view's by _facts (result(), compiled:
    # its transforms are ixbrl._value, one copy), what was left out by IxCollector.anomalies.
    # tests/test_cwalk.py compares the facts of every view with the Python walk's, which calls
    # IxCollector's methods.

    cdef list _ix_push(self):
        cdef list buf = []
        self.ix_caps.append(buf)
        self.ix_open = True
        return buf

    cdef void _ix_pop(self) except *:
        self.ix_caps.pop()
        self.ix_open = len(self.ix_caps) != 0

    cdef void _ix_text(self, str s) except *:
        cdef Py_ssize_t i
        if self.ix_exclude != 0 and self.ix_stack:
            # ix:exclude text is visible but not part of the fact: only non-fact captures get it
            for i in range(len(self.ix_stack), len(self.ix_caps)):
                (<list> self.ix_caps[i]).append(s)
            return
        for buf in self.ix_caps:
            (<list> buf).append(s)

    cdef Py_ssize_t _ix_start_fact(self, str tag, object name, object context, object fmt, object scale,
                                   object sign, bint hidden) except -2:
        """IxCollector.start_fact; -1 for None."""
        cdef Py_ssize_t k
        if self.ix_too_deep or len(self.ix_stack) >= MAX_FACT_DEPTH or len(self.ix_facts) >= MAX_FACTS:
            self.ix_too_deep += 1
            if len(self.ix_facts) >= MAX_FACTS:
                self.ix_n_over += 1
            else:
                self.ix_n_too_deep += 1
            return -1
        k = len(self.ix_facts)
        self.ix_facts.append((name, tag, context, fmt, scale, sign, hidden, self._ix_push()))
        self.ix_stack.append(k)
        return k

    cdef Py_ssize_t _ix_end_fact(self) except -2:
        """IxCollector.end_fact; -1 for None."""
        cdef Py_ssize_t k
        if self.ix_too_deep:
            self.ix_too_deep -= 1
            return -1
        if not self.ix_stack:
            return -1
        k = self.ix_stack.pop()
        self._ix_pop()
        return -1 if (<tuple> self.ix_facts[k])[6] else k

    cdef _ix_start_other(self, str tag, object ident, object dimension):
        """IxCollector.start_other."""
        if tag == "xbrli:context":
            self.ix_ctx = {"id": ident, "dimensions": {}, "dates": {}}
        elif tag in IX_MEMBER_TAGS and self.ix_ctx is not None:
            self.ix_member = (tag, dimension or "", self._ix_push())
        elif tag in IX_DATE_TAGS and self.ix_ctx is not None:
            self.ix_ctx["dates"][tag] = self._ix_push()

    cdef _ix_end_other(self, str tag):
        """IxCollector.end_other."""
        cdef dict ctx
        if tag == "xbrli:context" and self.ix_ctx is not None:
            ctx = self.ix_ctx
            ctx["period"] = PERIOD_OF(ctx.pop("dates"))  # (a few contexts a document: shared, not compiled)
            if ctx["id"]:
                self.ix_contexts[ctx["id"]] = ctx
            self.ix_ctx = None
        elif tag in IX_MEMBER_TAGS and self.ix_member is not None:
            _, dim, buf = self.ix_member
            if self.ix_caps and self.ix_caps[-1] is buf:
                self._ix_pop()
            if self.ix_ctx is not None and dim:
                self.ix_ctx["dimensions"][dim] = FOLD("".join(buf))
            self.ix_member = None
        elif tag in IX_DATE_TAGS and self.ix_ctx is not None:
            buf = self.ix_ctx["dates"].get(tag)
            if buf is not None and self.ix_caps and self.ix_caps[-1] is buf:
                self._ix_pop()

    cdef close(self, int kind, bint exit_break, bint hidden):
        """html._Walker.exit: close a block or table element."""
        if hidden:
            return
        if kind == C_TD:
            if self.parts:
                self.flush()
            if self.rows and len(self.sinks) > 1:
                self.sinks.pop()
        elif kind == C_TR:
            if self.parts:
                self.flush()
            if self.rows:
                self.end_row()
        elif kind == C_BLOCK and self.parts:
            self.flush()
        if exit_break:
            if self.parts:
                self.flush()
            self.page_break = True

    # -- the walk --------------------------------------------------------------------------------
    cdef void _push(self, void *node, uintptr_t tag_id, int action, int close, int saved, bint exit_break) except *:
        cdef Frame *grown
        if self.n_frames == self.cap_frames:
            self.cap_frames = 2 * self.cap_frames + 64
            grown = <Frame *> realloc(self.frames, self.cap_frames * sizeof(Frame))
            if grown == NULL:
                raise MemoryError()
            self.frames = grown
        self.frames[self.n_frames] = Frame(node, tag_id, action, close, saved, exit_break)
        self.n_frames += 1

    cdef int _kind(self, void *node, uintptr_t tag_id) except -1:
        """The tag's kind (and its _info and name), computed and memoised by tag id (see
        html._Walker.walk and KIND_OF); the walk looks the memo up before it calls this."""
        tag = TAG_TO_NAME.get(tag_id)
        if tag is None and c_node_type(node) == 1:  # an element (LXB_DOM_NODE_TYPE_ELEMENT)
            tag = self._element_name(node)
        kind = H._tag_kind(tag)
        info = _info(tag, kind)
        if tag_id < SMALL_IDS:
            NAME_OF[tag_id] = tag
            KIND_OF[tag_id], INFO_OF[tag_id] = kind, info
        else:
            self.names[tag_id], self.kinds[tag_id], self.infos[tag_id] = tag, kind, info
        return kind

    cdef inline object _name(self, uintptr_t tag_id):
        return NAME_OF[tag_id] if tag_id < SMALL_IDS else self.names[tag_id]

    cdef inline int _info_of(self, uintptr_t tag_id) except -1:
        return INFO_OF[tag_id] if tag_id < SMALL_IDS else self.infos[tag_id]

    cdef object _element_name(self, void *node):
        cdef size_t n = 0
        cdef const uchar *name = c_element_name(node, &n)
        return _decode(name, n) if name != NULL else None

    cdef int _style(self, Attrs *a) except -1:
        """The style bits of the element's ``style`` attribute (0: none), memoised by its bytes."""
        cdef size_t n = a.style_n
        cdef const uchar *raw = a.style
        if n == 0:
            return 0
        # First the slot of its bytes, holding the last style met there: the same bytes are the
        # same style (its text is their decoding), so the same bits. Why (a measured hot path):
        # decoding, hashing and looking up every element's style took an eighth of the walk (a
        # document repeats its hundred or so styles thousands of times); with the slots, 11%
        # less walk. Two styles in one slot take turns, each read afresh: a dict of the styles
        # met (by their text) saved 1 read in 70 over the corpus, at the cost of decoding,
        # hashing and storing every one (a sixth of all the style reading).
        if n > <size_t> UINT32_MAX:
            return _bits_of(raw, n, None)
        cdef StyleSlot *slot = &self.style_slots[_slot_of(raw, n)]
        if slot.n == n and memcmp(slot.raw, raw, n) == 0:
            return slot.bits
        cdef int got = _bits_of(raw, n, None)
        slot.raw, slot.n, slot.bits = raw, <uint32_t> n, got
        return got

    cdef _add_cell(self, list cell, Attrs *a):
        cdef _Row row = self.rows[-1]
        row.cells.append(cell)
        row.spans.append(self._colspan(a))

    cdef int _colspan(self, Attrs *a) except -1:
        cdef int span
        if a.colspan_n == 0:
            return 1
        if a.colspan_n <= 2 and 48 <= a.colspan[0] <= 57 and (a.colspan_n == 1 or 48 <= a.colspan[1] <= 57):
            # one or two ASCII digits (every colspan of the corpus but a few): html._colspan of
            # them, without decoding and looking them up (124 a document, 2% of the walk)
            span = a.colspan[0] - 48 if a.colspan_n == 1 else (a.colspan[0] - 48) * 10 + a.colspan[1] - 48
            return 1 if span < 1 else (20 if span > 20 else span)
        colspan = _decode(a.colspan, a.colspan_n)
        got = self.spans.get(colspan)
        if got is None:
            got = self.spans[colspan] = H._colspan(colspan)
        return got

    cdef walk(self, void *root):
        cdef void *node = root
        cdef void *child
        cdef void *nxt
        cdef uintptr_t tag_id
        cdef int kind, sf, saved, close, span, state, info, which, style_kind
        cdef Py_ssize_t k
        cdef bint bold = False, under = False, centered = False, hidden = False, pre = False
        cdef bint is_ixbrl = False, exit_break, block, ix_open
        cdef const uchar *data
        cdef size_t n
        cdef int scan
        cdef bint space_only
        cdef Frame *f
        cdef Attrs attrs
        cdef Named named
        cdef list cell
        if root == NULL:
            return self.finish("html")
        while True:
            tag_id = c_tag_id(node)
            if tag_id == TEXT_ID:
                data = (<const uchar **> (<char *> node + TEXT_AT))[0]
                n = (<size_t *> (<char *> node + TEXT_AT + 8))[0] if data != NULL else 0
                if n:
                    scan = _scan(data, n)
                    ix_open = self.ix_open
                    if (scan & T_NON_ASCII and not (scan & T_TRANSLATE) and not ix_open and not pre
                            and (hidden or self.add_utf8(data, n, bold, under, centered))):
                        # text past ASCII with nothing to translate, folded in C (add_text's rules);
                        # hidden, outside iXBRL and <pre>, text does nothing
                        pass
                    else:
                        s = None
                        if scan & T_NON_ASCII:
                            s = _decode(data, n)
                            space_only = s.isspace()
                        else:
                            space_only = not (scan & T_NOT_SPACE)
                        if space_only and not pre and not ix_open:
                            if not hidden and self.content:
                                self.space = True
                        elif not (scan & (T_NON_ASCII | T_TRANSLATE)) and not ix_open and not pre:
                            # plain ASCII text, the most common node: folded in C (add_text's rules)
                            if not hidden:
                                self.add_ascii(data, n, bold, under, centered)
                        else:
                            if s is None:
                                s = _decode(data, n)
                            if scan & T_TRANSLATE:
                                s = s.translate(TRANSLATE)
                            if hidden:
                                if ix_open:
                                    self._ix_text(s)
                            else:
                                if ix_open:
                                    self._ix_text(s)
                                if pre:
                                    self.add_pre(s, bold, under, centered)
                                else:
                                    self.add_text(s, bold, under, centered)
            else:
                if tag_id < SMALL_IDS:
                    kind = KIND_OF[tag_id]
                    if kind < 0:
                        kind = self._kind(node, tag_id)
                else:
                    kind = self.kinds.get(tag_id, -1)
                    if kind < 0:
                        kind = self._kind(node, tag_id)
                if kind == K_INLINE:
                    child = c_first_child(node)
                    if child != NULL:
                        _read_attrs(node, &attrs)
                        sf = self._style(&attrs)
                        if sf & (S_HIDDEN | S_BOLD | S_NOT_BOLD | S_UNDER):
                            saved = _pack(bold, under, centered, hidden, pre)
                            self._push(node, tag_id, A_RESTORE, C_NONE, saved, False)
                            if sf & S_HIDDEN:
                                hidden = True
                            if sf & S_BOLD:
                                bold = True
                            elif sf & S_NOT_BOLD:
                                bold = False
                            if sf & S_UNDER:
                                under = True
                        else:
                            self._push(node, tag_id, A_NOTHING, C_NONE, 0, False)
                        node = child
                        continue
                elif kind == K_IX:
                    close = self._info_of(tag_id) & I_CLOSE
                    is_ixbrl = True
                    saved = _pack(bold, under, centered, hidden, pre)
                    if close == C_IX_HEADER:
                        hidden = True
                    elif close == C_IX_FACT:
                        _read_named(node, FACT_ATTRS, 5, &named)
                        k = self._ix_start_fact(self._name(tag_id), _named(&named, 0), _named(&named, 1),
                                                _named(&named, 2), _named(&named, 3), _named(&named, 4), hidden)
                        if not hidden and k >= 0 and 2 * k + 1 <= MARK_MAX:  # (-1: not collected)
                            self.mark(2 * k)
                    elif close == C_IX_EXCLUDE:
                        self.ix_exclude += 1
                    elif close == C_IX_PART:
                        _read_named(node, OTHER_ATTRS, 2, &named)
                        self._ix_start_other(self._name(tag_id), _named(&named, 0), _named(&named, 1))
                    child = c_first_child(node)
                    if child != NULL:
                        self._push(node, tag_id, A_CLOSE if close >= C_IX_FACT else A_RESTORE, close, saved, False)
                        node = child
                        continue
                    self.exit_ix(close, tag_id)
                    bold, under, centered, hidden, pre = _unpack(saved)
                elif kind >= K_CELL:
                    _read_attrs(node, &attrs)
                    sf = self._style(&attrs)
                    child = c_first_child(node)
                    if child == NULL:
                        if not hidden and not (sf & S_HIDDEN):
                            if self.parts:
                                self.flush()
                            if sf & (S_BREAK_BEFORE | S_BREAK_AFTER):
                                self.page_break = True
                            if self.rows and kind == K_CELL:
                                self._add_cell([], &attrs)
                    else:
                        saved = _pack(bold, under, centered, hidden, pre)
                        if sf & S_HIDDEN:
                            hidden = True
                        exit_break = False
                        if not hidden:
                            if sf & S_BREAK_BEFORE:
                                if self.parts:
                                    self.flush()
                                self.page_break = True
                            if self.parts:
                                self.flush()
                            if self.rows and kind == K_CELL:
                                cell = []
                                self._add_cell(cell, &attrs)
                                self.sinks.append(cell)
                            exit_break = (sf & S_BREAK_AFTER) != 0
                        align = _decode(attrs.align, attrs.align_n) if attrs.align_n else None
                        if align:
                            centered = align.strip().lower() == "center"
                        if sf & (S_BOLD | S_NOT_BOLD):
                            bold = (sf & S_BOLD) != 0
                        if sf & S_UNDER:
                            under = True
                        if sf & (S_CENTER | S_NOT_CENTER):
                            centered = (sf & S_CENTER) != 0
                        self._push(node, tag_id, A_CLOSE, self._info_of(tag_id) & I_CLOSE, saved, exit_break)
                        node = child
                        continue
                elif kind >= K_OTHER:
                    info = self._info_of(tag_id)
                    which = info & I_WHICH
                    saved = _pack(bold, under, centered, hidden, pre)
                    _read_attrs(node, &attrs)
                    sf = self._style(&attrs)
                    exit_break = False
                    if which == I_HEAD:
                        hidden = True
                    else:
                        if sf & S_HIDDEN:
                            hidden = True
                        block = (info & I_BLOCK) != 0
                        if block and not hidden:
                            if sf & S_BREAK_BEFORE:
                                if self.parts:
                                    self.flush()
                                self.page_break = True
                            if self.parts:
                                self.flush()
                            if which == I_CELL:
                                if self.rows:
                                    cell = []
                                    self._add_cell(cell, &attrs)
                                    self.sinks.append(cell)
                            elif which == I_TR:
                                self.rows.append(_Row())
                            elif which == I_HR:
                                if len(self.sinks) > 1 and self.sinks[-1]:
                                    # the block is in no other list (an _Out is in one sink at a
                                    # time): changing it is replacing it, as html._Walker does
                                    (<_Out> self.sinks[-1][-1]).underlined = True
                                elif len(self.sinks) == 1:
                                    self.page_break = True
                            elif which == I_TABLE:
                                if self.rows:
                                    (<_Row> self.rows[-1]).layout = True
                            exit_break = (sf & S_BREAK_AFTER) != 0
                        style_kind = info >> I_STYLE
                        if style_kind:
                            if style_kind == 1:
                                bold = True
                            elif style_kind == 2:
                                under = True
                            elif style_kind == 3:
                                centered = True
                            else:
                                pre = True
                        if block and which != I_TABLE:
                            align = _decode(attrs.align, attrs.align_n) if attrs.align_n else None
                            if align:
                                centered = align.strip().lower() == "center"
                        if sf & (S_BOLD | S_NOT_BOLD):
                            bold = (sf & S_BOLD) != 0
                        if sf & S_UNDER:
                            under = True
                        if block and sf & (S_CENTER | S_NOT_CENTER):
                            centered = (sf & S_CENTER) != 0
                    close = info & I_CLOSE
                    # only block and table elements do anything when they close
                    if not (exit_break or close == C_TD or close == C_TR or close == C_BLOCK):
                        close = C_NONE
                    child = c_first_child(node)
                    if child != NULL:
                        self._push(node, tag_id, A_CLOSE if close != C_NONE else A_RESTORE, close, saved, exit_break)
                        node = child
                        continue
                    if close != C_NONE:
                        self.close(close, exit_break, hidden)
                    bold, under, centered, hidden, pre = _unpack(saved)
                # K_SKIP and K_IGNORE: nothing to do, not entered
            # go to the next node: the next sibling, or up until there is one
            while True:
                if self.n_frames == 0:
                    return self.finish("ixbrl" if is_ixbrl else "html")
                nxt = c_next(node)
                if nxt != NULL:
                    node = nxt
                    break
                self.n_frames -= 1
                f = &self.frames[self.n_frames]
                node = f.node
                if f.action == A_NOTHING:
                    continue
                if f.action == A_CLOSE:
                    if f.close >= C_IX_FACT:
                        self.exit_ix(f.close, f.tag_id)
                    else:
                        self.close(f.close, f.exit_break, hidden)
                saved = f.saved
                bold, under, centered, hidden, pre = _unpack(saved)

    # -- final text (html._Walker.finish) --------------------------------------------------------
    cdef finish(self, str fmt):
        self.flush()
        cdef list out = self.sinks[0]
        if self.parts:
            out.append(_out("".join(self.parts), None, False, False, False, False, False, 0, True))
        cdef list pieces = []
        cdef list blocks = []
        cdef dict marks = {}
        cdef Py_ssize_t pos = 0, start, n_filled, empty_at = -1
        cdef bint any_marks = bool(self.ix_facts)
        cdef list cells, row_pieces
        cdef _Out b
        cdef str ct
        empty = None
        for b in out:
            if b.cells:  # a row (a paragraph's cells are None, a row's never empty)
                cells = []
                start = pos
                row_pieces = []
                n_filled = 0
                for ct in b.cells:
                    if ct and b.marks:
                        ct = self._clean(ct, pos + (1 if n_filled else 0), marks, any_marks)
                        if ct:
                            row_pieces.append(ct)
                    if not ct:
                        if empty_at != pos:
                            empty = _cell("", pos, pos)
                            empty_at = pos
                        cells.append(empty)
                        continue
                    if n_filled:
                        pos += 1
                    n_filled += 1
                    cells.append(_cell(ct, pos, pos + len(ct)))
                    pos += len(ct)
                if not n_filled:
                    continue
                text = " ".join(row_pieces) if b.marks else b.text
                pieces.append(text)
                blocks.append(_block(text, start, pos, "row", cells, 0, b.centered, b.bold, b.underlined, True,
                                     b.page_break))
            else:
                t = self._clean(b.text, pos, marks, any_marks) if b.marks else b.text
                if not t or t.isspace():
                    continue
                blocks.append(_block(t, pos, pos + len(t), "paragraph", None, b.indent, b.centered, b.bold,
                                     b.underlined, b.in_table, b.page_break))
                pieces.append(t)
                pos += len(t)
            pieces.append("\n")
            pos += 1
        text = "".join(pieces)
        facts = self._facts(marks, text)
        if facts:
            fmt = "ixbrl"
        anomalies = []
        if self.ix_n_too_deep or self.ix_n_over:  # (IxCollector.anomalies has none else)
            ix = IxCollector()
            ix.n_too_deep, ix.n_over = self.ix_n_too_deep, self.ix_n_over
            anomalies = ix.anomalies()
        return DocumentView(text=text, blocks=blocks, format=fmt, sequence=self.sequence, ixbrl=facts,
                            anomalies=anomalies)

    cdef dict _facts(self, dict marks, str text):
        """IxCollector.result, the same rules (its transforms: ixbrl._value, called as it calls
        it). Why (a measured hot loop): a document has about twenty facts, each made a dict of
        ten fields, and result() in Python was an eighth of the compiled walk."""
        cdef dict out = {}, values = {}, contexts = {}, ctx
        cdef tuple no_context = ({}, None), got
        cdef Py_ssize_t k, start, end
        cdef list same_name
        for cid, ctx in self.ix_contexts.items():
            contexts[cid] = (ctx["dimensions"], ctx["period"])
        for k in range(len(self.ix_facts)):
            name, tag, context, fmt, scale, sign, hidden, buf = <tuple> self.ix_facts[k]
            if not name:
                continue
            folded = " ".join("".join(buf).split())
            if fmt is None and tag == "ix:nonnumeric":
                value, error = folded, None
            else:
                key = (tag, fmt, scale, sign, folded)
                got = values.get(key)
                if got is None:
                    got = values[key] = VALUE_OF(tag, fmt, scale, sign, folded)
                value, error = got
            first = last = None
            if not hidden:
                first, last = marks.get(2 * k), marks.get(2 * k + 1)
                if first is not None and last is not None:
                    # the span without the white space at its edges (str.isspace of each character)
                    start, end = first, last
                    while start < end and Py_UNICODE_ISSPACE(PyUnicode_READ_CHAR(text, start)):
                        start += 1
                    while end > start and Py_UNICODE_ISSPACE(PyUnicode_READ_CHAR(text, end - 1)):
                        end -= 1
                    first, last = start, end
                else:
                    first = last = None
            dimensions, period = contexts.get(context, no_context) if context else no_context
            fact = {
                "value": value, "text": folded, "context": context, "format": fmt,
                "dimensions": (<dict> dimensions).copy(), "period": period,
                "start": first, "end": last, "hidden": hidden, "error": error,
            }
            same_name = out.get(name)
            if same_name is None:
                out[name] = [fact]
            else:
                same_name.append(fact)
        return out

    cdef str _clean(self, str s, Py_ssize_t at, dict marks, bint any_marks):
        """The text without its fact markers, their positions recorded in ``marks``.

        A marker is past U+FFFF, so only a string of four-byte characters can hold one (CPython
        keeps every string in the narrowest kind that fits its characters): the others are
        returned as they are, without a search (most blocks with markers lost them to a
        neighbour, or never had any: a cell's text is cleaned with its row's flag)."""
        if not any_marks or PyUnicode_KIND(s) != PyUnicode_4BYTE_KIND:
            return s
        cdef Py_UCS4 *chars = <Py_UCS4 *> PyUnicode_DATA(s)
        cdef Py_ssize_t size = len(s), i, last = 0, n = 0
        cdef list res = None
        for i in range(size):
            if MARK_BASE <= <int> chars[i] <= MARK_BASE + MARK_MAX:  # html._MARK_RE
                if res is None:
                    res = []
                res.append(s[last:i])
                n += i - last
                marks[<int> chars[i] - MARK_BASE] = at + n
                last = i + 1
        if res is None:
            return s
        res.append(s[last:])
        return "".join(res)
