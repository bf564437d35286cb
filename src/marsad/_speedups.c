/* marsad._speedups: the inner loops of the pipeline in C.
 *
 * Its twin is marsad/_native.py: the same names, arguments and answers in Python, used when this
 * module was not built (no compiler) or MARSAD_PURE=1 is set. marsad/speedups.py chooses one of
 * the two once, at import; the rest of the package never knows which runs.
 *
 *   Folding(table).fold(text, offsets, lower)  normalize.fold's loop, over the table it is given
 *                                              (normalize.FOLDING, the only copy of the table)
 *   word_runs(text)                            re.findall(r"[^\W_]+", text)
 *   tokens(text)                               the people tokenizer's matches (people.TOKEN)
 *   Automaton(pairs)                           Aho-Corasick as a full DFA: .iter (as pyahocorasick's),
 *     .starts / .words / .size                 Starts.find, and the gazetteers' word/proclitic
 *                                              filter and longest-match choice
 *
 * tests/test_fast.py compares each with its twin on generated and real text and over the whole
 * BMP. Python's own character classes are used (Py_UNICODE_ISALNUM is str.isalnum,
 * Py_UNICODE_ISSPACE is what `re` calls \s; fast_isalnum answers ASCII and the Arabic letters
 * first), so the two agree on every code point.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

/* ---------------------------------------------------------------------------------- Folding */

#define DELETE ((Py_UCS4)0xFFFFFFFF)

/* Folding(table): table maps single characters to "" (deleted) or to one character that is not
 * a key, applied in one step. Kept as a dense map over [lo, hi], the span of the keys. */
typedef struct {
    PyObject_HEAD
    Py_UCS4 lo, hi;      /* hi < lo: an empty table */
    Py_UCS4 *map;        /* hi - lo + 1 cells: the replacement, the character itself, or DELETE */
    Py_UCS4 maxvalue;    /* the largest replacement */
} Folding;

static void folding_dealloc(Folding *f) {
    PyMem_Free(f->map);
    Py_TYPE(f)->tp_free((PyObject *)f);
}

static int folding_init(Folding *f, PyObject *args, PyObject *kwds) {
    PyObject *table, *key, *value;
    if (!PyArg_ParseTuple(args, "O!", &PyDict_Type, &table)) return -1;
    Py_ssize_t pos = 0;
    Py_UCS4 lo = 0x10FFFF, hi = 0;
    while (PyDict_Next(table, &pos, &key, &value)) {
        if (!PyUnicode_Check(key) || PyUnicode_GET_LENGTH(key) != 1 || !PyUnicode_Check(value) ||
            PyUnicode_GET_LENGTH(value) > 1) {
            PyErr_Format(PyExc_ValueError, "bad folding table entry %R: %R", key, value);
            return -1;
        }
        if (PyUnicode_GET_LENGTH(value) == 1) {
            int in = PyDict_Contains(table, value);
            if (in < 0) return -1;
            if (in) { PyErr_Format(PyExc_ValueError, "bad folding table entry %R: %R", key, value); return -1; }
        }
        Py_UCS4 c = PyUnicode_READ_CHAR(key, 0);
        if (c < lo) lo = c;
        if (c > hi) hi = c;
    }
    PyMem_Free(f->map);
    f->map = NULL;
    f->lo = lo; f->hi = hi; f->maxvalue = 0;
    if (hi < lo) return 0;
    f->map = PyMem_Malloc(sizeof(Py_UCS4) * (hi - lo + 1));
    if (!f->map) { PyErr_NoMemory(); return -1; }
    for (Py_UCS4 c = lo; c <= hi; c++) f->map[c - lo] = c;
    pos = 0;
    while (PyDict_Next(table, &pos, &key, &value)) {
        Py_UCS4 to = PyUnicode_GET_LENGTH(value) ? PyUnicode_READ_CHAR(value, 0) : DELETE;
        f->map[PyUnicode_READ_CHAR(key, 0) - lo] = to;
        if (to != DELETE && to > f->maxvalue) f->maxvalue = to;
    }
    return 0;
}

/* The loop of fold over one storage kind: reads `src`, writes `dst` (UCS2 or UCS4 cells). */
#define FOLD_LOOP(SRC_T, DST_T)                                                                   \
    do {                                                                                          \
        const SRC_T *src = (const SRC_T *)data;                                                   \
        DST_T *dst = (DST_T *)buf;                                                                \
        for (Py_ssize_t i = 0; i < n; i++) {                                                      \
            Py_UCS4 c = src[i];                                                                   \
            if (c >= lo && c <= hi) {                                                             \
                Py_UCS4 m = map[c - lo];                                                          \
                if (m == DELETE) {                                                                \
                    if (offsets && (append_position(deleted, i) < 0 ||                            \
                                    append_position(shifts, out) < 0)) goto fail;                 \
                    changed = 1;                                                                  \
                    continue;                                                                     \
                }                                                                                 \
                changed |= m != c;                                                                \
                c = m;                                                                            \
            }                                                                                     \
            if (c < 0x80) ascii_upper |= c >= 'A' && c <= 'Z';                                    \
            else if (lower && !cased && !(c >= 0x0600 && c <= 0x06FF)) cased = Py_UNICODE_TOLOWER(c) != c; \
            dst[out++] = (DST_T)c;                                                                \
        }                                                                                         \
    } while (0)

static inline int append_position(PyObject *list, Py_ssize_t at) {
    PyObject *x = PyLong_FromSsize_t(at);
    int r = x ? PyList_Append(list, x) : -1;
    Py_XDECREF(x);
    return r;
}

/* fold(text, offsets, lower) -> (folded, shifts, deleted): the text through the table; the
 * original positions of the deleted characters and the folded position of each (empty lists
 * unless `offsets`); with `lower`, lowered as str.lower does unless that changes the length.
 * ASCII letters are lowered here; a text with other cased letters goes to str.lower (the Arabic
 * block has none). An unchanged text is returned as it is. */
static PyObject *folding_fold(Folding *f, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "fold(text: str, offsets: bool, lower: bool)");
        return NULL;
    }
    PyObject *text = args[0], *folded = NULL, *shifts = NULL, *deleted = NULL;
    int offsets = PyObject_IsTrue(args[1]), lower = PyObject_IsTrue(args[2]);
    if (offsets < 0 || lower < 0) return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), out = 0;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const Py_UCS4 lo = f->lo, hi = f->hi, *map = f->map;
    int wide = kind == PyUnicode_4BYTE_KIND || f->maxvalue > 0xFFFF;
    void *buf = PyMem_Malloc((wide ? sizeof(Py_UCS4) : sizeof(Py_UCS2)) * (n ? n : 1));
    int ascii_upper = 0, cased = 0, changed = 0;
    if (!buf) return PyErr_NoMemory();
    if (!(shifts = PyList_New(0)) || !(deleted = PyList_New(0))) goto fail;
    if (kind == PyUnicode_1BYTE_KIND && !wide) FOLD_LOOP(Py_UCS1, Py_UCS2);
    else if (kind == PyUnicode_1BYTE_KIND) FOLD_LOOP(Py_UCS1, Py_UCS4);
    else if (kind == PyUnicode_2BYTE_KIND && !wide) FOLD_LOOP(Py_UCS2, Py_UCS2);
    else if (kind == PyUnicode_2BYTE_KIND) FOLD_LOOP(Py_UCS2, Py_UCS4);
    else FOLD_LOOP(Py_UCS4, Py_UCS4);
    if (lower && ascii_upper && !cased) {
        changed = 1;
        for (Py_ssize_t i = 0; i < out; i++) {
            if (wide) { Py_UCS4 *d = buf; if (d[i] >= 'A' && d[i] <= 'Z') d[i] += 'a' - 'A'; }
            else { Py_UCS2 *d = buf; if (d[i] >= 'A' && d[i] <= 'Z') d[i] += 'a' - 'A'; }
        }
    }
    if (changed) folded = PyUnicode_FromKindAndData(wide ? PyUnicode_4BYTE_KIND : PyUnicode_2BYTE_KIND, buf, out);
    else { folded = text; Py_INCREF(folded); }
    if (!folded) goto fail;
    if (lower && cased) {  /* str.lower, unless it changes the length (İ -> i + dot) */
        PyObject *lowered = PyObject_CallMethod(folded, "lower", NULL);
        if (!lowered) goto fail;
        if (PyUnicode_GET_LENGTH(lowered) == out) Py_SETREF(folded, lowered);
        else Py_DECREF(lowered);
    }
    PyObject *result = PyTuple_New(3);
    if (!result) goto fail;
    PyTuple_SET_ITEM(result, 0, folded);
    PyTuple_SET_ITEM(result, 1, shifts);
    PyTuple_SET_ITEM(result, 2, deleted);
    PyMem_Free(buf);
    return result;
fail:
    PyMem_Free(buf);
    Py_XDECREF(folded); Py_XDECREF(shifts); Py_XDECREF(deleted);
    return NULL;
}

static PyMethodDef folding_methods[] = {
    {"fold", (PyCFunction)(void (*)(void))folding_fold, METH_FASTCALL,
     "fold(text, offsets, lower) -> (folded, shifts, deleted): see normalize.Folded"},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject FoldingType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "marsad._speedups.Folding",
    .tp_basicsize = sizeof(Folding),
    .tp_dealloc = (destructor)folding_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Folding(table): a character map (char -> '' or one char) applied in one step",
    .tp_methods = folding_methods,
    .tp_init = (initproc)folding_init,
    .tp_new = PyType_GenericNew,
};

/* ------------------------------------------------------------------------------- word_runs */

/* str.isalnum and str.isalpha, answered without the Unicode database for ASCII and for the
 * Arabic letters U+0620-U+064A (all letters: Lo, and Lm for the tatweel), most of the text. */
static inline int fast_isalnum(Py_UCS4 c) {
    if (c < 0x80) return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    if (c >= 0x0620 && c <= 0x064A) return 1;
    return Py_UNICODE_ISALNUM(c);
}
static inline int fast_isalpha(Py_UCS4 c) {
    if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    if (c >= 0x0620 && c <= 0x064A) return 1;
    return Py_UNICODE_ISALPHA(c);
}
static inline int is_word(Py_UCS4 c) { return c != '_' && fast_isalnum(c); }  /* [^\W_] */

/* word_runs(text) -> list of str: re.findall(r"[^\W_]+", text). */
static PyObject *fast_word_runs(PyObject *self, PyObject *arg) {
    if (!PyUnicode_Check(arg)) { PyErr_SetString(PyExc_TypeError, "str expected"); return NULL; }
    Py_ssize_t n = PyUnicode_GET_LENGTH(arg);
    int kind = PyUnicode_KIND(arg);
    const void *data = PyUnicode_DATA(arg);
    PyObject *out = PyList_New(0);
    if (!out) return NULL;
    Py_ssize_t i = 0;
    while (i < n) {
        if (!is_word(PyUnicode_READ(kind, data, i))) { i++; continue; }
        Py_ssize_t j = i + 1;
        while (j < n && is_word(PyUnicode_READ(kind, data, j))) j++;
        PyObject *w = PyUnicode_Substring(arg, i, j);
        if (!w || PyList_Append(out, w) < 0) { Py_XDECREF(w); Py_DECREF(out); return NULL; }
        Py_DECREF(w);
        i = j;
    }
    return out;
}

/* ---------------------------------------------------------------------------------- tokens */

static inline int is_ascii_letter(Py_UCS4 c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
static inline int is_w(Py_UCS4 c) { return c == '_' || fast_isalnum(c); }  /* \w */

static int append_span(PyObject *words, PyObject *starts, PyObject *ends, PyObject *text,
                       Py_ssize_t s, Py_ssize_t e) {
    PyObject *w = PyUnicode_Substring(text, s, e);
    PyObject *a = PyLong_FromSsize_t(s);
    PyObject *b = PyLong_FromSsize_t(e);
    int ok = w && a && b && PyList_Append(words, w) == 0 && PyList_Append(starts, a) == 0 &&
             PyList_Append(ends, b) == 0;
    Py_XDECREF(w); Py_XDECREF(a); Py_XDECREF(b);
    return ok ? 0 : -1;
}

/* tokens(text) -> (words, starts, ends): the matches of
 *   [A-Za-z][\w'-]*  |  [^\W_]+(?:-[^\W_]+)*  |  [^\w\s]
 * left to right, as re.finditer gives them. */
static PyObject *fast_tokens(PyObject *self, PyObject *arg) {
    if (!PyUnicode_Check(arg)) { PyErr_SetString(PyExc_TypeError, "str expected"); return NULL; }
    Py_ssize_t n = PyUnicode_GET_LENGTH(arg);
    int kind = PyUnicode_KIND(arg);
    const void *data = PyUnicode_DATA(arg);
    PyObject *words = PyList_New(0), *starts = PyList_New(0), *ends = PyList_New(0);
    if (!words || !starts || !ends) goto fail;
    Py_ssize_t i = 0;
    while (i < n) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        Py_ssize_t j = i + 1;
        if (is_ascii_letter(c)) {
            while (j < n) {
                Py_UCS4 d = PyUnicode_READ(kind, data, j);
                if (!(is_w(d) || d == '\'' || d == '-')) break;
                j++;
            }
        } else if (is_word(c)) {
            for (;;) {
                while (j < n && is_word(PyUnicode_READ(kind, data, j))) j++;
                /* (?:-[^\W_]+)*: a hyphen joins only when a word character follows it */
                if (j + 1 < n && PyUnicode_READ(kind, data, j) == '-' && is_word(PyUnicode_READ(kind, data, j + 1))) {
                    j += 2;
                    continue;
                }
                break;
            }
        } else if (c == '_' || Py_UNICODE_ISSPACE(c)) {
            i++;
            continue;
        }
        if (append_span(words, starts, ends, arg, i, j) < 0) goto fail;
        i = j;
    }
    return Py_BuildValue("(NNN)", words, starts, ends);
fail:
    Py_XDECREF(words); Py_XDECREF(starts); Py_XDECREF(ends);
    return NULL;
}

/* (first, second): steals `first` (may be NULL after a failed allocation), borrows `second`. */
static inline PyObject *pair(PyObject *first, PyObject *second) {
    if (!first) return NULL;
    PyObject *t = PyTuple_New(2);
    if (!t) { Py_DECREF(first); return NULL; }
    Py_INCREF(second);
    PyTuple_SET_ITEM(t, 0, first);
    PyTuple_SET_ITEM(t, 1, second);
    return t;
}

/* ------------------------------------------------------------------------------- Automaton */

/* Aho-Corasick as a full DFA over the alphabet of its keys (every other character is symbol 0,
 * which leads back to the root): one table lookup per character of text. pyahocorasick walks a
 * trie with sorted child arrays and failure links, ~10 ns a character; this walks ~1-2 ns. The
 * table has (states x symbols) cells, 16 bits wide up to 65,536 states: ~3 MB for marsad's
 * gazetteers. */
typedef struct {
    PyObject_HEAD
    Py_ssize_t nstates, nsym, nkeys;
    int32_t *delta;        /* nstates * nsym: next state (when the states do not fit in 16 bits) */
    uint16_t *delta16;     /* the same in 16-bit cells, else NULL */
    int32_t *term;         /* key ending at the state, or -1 */
    int32_t *outlink;      /* nearest proper suffix state with a key, or -1 */
    Py_ssize_t *lengths;   /* per key */
    PyObject **values;     /* per key (owned) */
    uint16_t low[0x800];   /* symbol of code points below U+0800 */
    Py_UCS4 *high;         /* other code points of the keys, sorted ... */
    uint16_t *high_sym;    /* ... and their symbols */
    Py_ssize_t nhigh;
} Automaton;

static inline Py_ssize_t symbol_of(const Automaton *a, Py_UCS4 c) {
    if (c < 0x800) return a->low[c];
    Py_ssize_t lo = 0, hi = a->nhigh;
    while (lo < hi) {
        Py_ssize_t mid = (lo + hi) / 2;
        if (a->high[mid] < c) lo = mid + 1; else hi = mid;
    }
    return lo < a->nhigh && a->high[lo] == c ? a->high_sym[lo] : 0;
}

static void automaton_dealloc(Automaton *a) {
    for (Py_ssize_t k = 0; k < a->nkeys; k++) Py_XDECREF(a->values ? a->values[k] : NULL);
    PyMem_Free(a->delta); PyMem_Free(a->delta16); PyMem_Free(a->term); PyMem_Free(a->outlink);
    PyMem_Free(a->lengths); PyMem_Free(a->values); PyMem_Free(a->high); PyMem_Free(a->high_sym);
    Py_TYPE(a)->tp_free((PyObject *)a);
}

static int cmp_ucs4(const void *x, const void *y) {
    Py_UCS4 a = *(const Py_UCS4 *)x, b = *(const Py_UCS4 *)y;
    return (a > b) - (a < b);
}

/* Automaton(pairs): pairs is a list of (key, value), keys non-empty and distinct. */
static int automaton_init(Automaton *a, PyObject *args, PyObject *kwds) {
    PyObject *pairs;
    if (!PyArg_ParseTuple(args, "O!", &PyList_Type, &pairs)) return -1;
    if (a->delta || a->delta16) { PyErr_SetString(PyExc_RuntimeError, "Automaton already built"); return -1; }
    Py_ssize_t nkeys = PyList_GET_SIZE(pairs), total = 0, nhigh = 0, cap_high = 16;
    Py_UCS4 *high = PyMem_Malloc(sizeof(Py_UCS4) * cap_high);
    if (!high) { PyErr_NoMemory(); return -1; }
    memset(a->low, 0, sizeof(a->low));
    /* 1. the alphabet: low code points numbered in first-seen order, high ones after, sorted */
    Py_ssize_t nsym = 1;
    for (Py_ssize_t k = 0; k < nkeys; k++) {
        PyObject *pair = PyList_GET_ITEM(pairs, k);
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2 || !PyUnicode_Check(PyTuple_GET_ITEM(pair, 0))) {
            PyErr_SetString(PyExc_TypeError, "pairs must be (str, value) tuples");
            PyMem_Free(high); return -1;
        }
        PyObject *key = PyTuple_GET_ITEM(pair, 0);
        Py_ssize_t len = PyUnicode_GET_LENGTH(key);
        if (len == 0) { PyErr_SetString(PyExc_ValueError, "empty key"); PyMem_Free(high); return -1; }
        total += len;
        for (Py_ssize_t i = 0; i < len; i++) {
            Py_UCS4 c = PyUnicode_READ_CHAR(key, i);
            if (c < 0x800) {
                if (!a->low[c]) a->low[c] = (uint16_t)nsym++;
            } else {
                if (nhigh == cap_high) {
                    Py_UCS4 *more = PyMem_Realloc(high, sizeof(Py_UCS4) * cap_high * 2);
                    if (!more) { PyMem_Free(high); PyErr_NoMemory(); return -1; }
                    high = more; cap_high *= 2;
                }
                high[nhigh++] = c;
            }
            if (nsym > 60000) { PyErr_SetString(PyExc_ValueError, "alphabet too large"); PyMem_Free(high); return -1; }
        }
    }
    qsort(high, nhigh, sizeof(Py_UCS4), cmp_ucs4);
    Py_ssize_t unique = 0;
    for (Py_ssize_t i = 0; i < nhigh; i++)
        if (!unique || high[unique - 1] != high[i]) high[unique++] = high[i];
    a->high = high; a->nhigh = unique;
    a->high_sym = PyMem_Malloc(sizeof(uint16_t) * (unique ? unique : 1));
    if (!a->high_sym) { PyErr_NoMemory(); return -1; }
    for (Py_ssize_t i = 0; i < unique; i++) a->high_sym[i] = (uint16_t)nsym++;
    if (nsym > 60000) { PyErr_SetString(PyExc_ValueError, "alphabet too large"); return -1; }
    a->nsym = nsym;
    /* 2. the trie, in the transition table (-1: no child yet) */
    Py_ssize_t cap = total + 1;
    if ((size_t)cap * (size_t)nsym > ((size_t)1 << 31)) { PyErr_SetString(PyExc_MemoryError, "automaton too large"); return -1; }
    a->delta = PyMem_Malloc(sizeof(int32_t) * cap * nsym);
    a->term = PyMem_Malloc(sizeof(int32_t) * cap);
    a->outlink = PyMem_Malloc(sizeof(int32_t) * cap);
    a->lengths = PyMem_Malloc(sizeof(Py_ssize_t) * (nkeys ? nkeys : 1));
    a->values = PyMem_Calloc(nkeys ? nkeys : 1, sizeof(PyObject *));
    int32_t *fail = PyMem_Malloc(sizeof(int32_t) * cap), *queue = PyMem_Malloc(sizeof(int32_t) * cap);
    if (!a->delta || !a->term || !a->outlink || !a->lengths || !a->values || !fail || !queue) {
        PyMem_Free(fail); PyMem_Free(queue); PyErr_NoMemory(); return -1;
    }
    memset(a->delta, 0xff, sizeof(int32_t) * cap * nsym);
    memset(a->term, 0xff, sizeof(int32_t) * cap);
    a->nkeys = nkeys;
    Py_ssize_t nstates = 1;
    for (Py_ssize_t k = 0; k < nkeys; k++) {
        PyObject *pair = PyList_GET_ITEM(pairs, k), *key = PyTuple_GET_ITEM(pair, 0);
        Py_ssize_t len = PyUnicode_GET_LENGTH(key), s = 0;
        for (Py_ssize_t i = 0; i < len; i++) {
            int32_t *cell = &a->delta[s * nsym + symbol_of(a, PyUnicode_READ_CHAR(key, i))];
            if (*cell < 0) *cell = (int32_t)nstates++;
            s = *cell;
        }
        a->lengths[k] = len;
        a->values[k] = PyTuple_GET_ITEM(pair, 1);
        Py_INCREF(a->values[k]);
        if (a->term[s] < 0) a->term[s] = (int32_t)k;  /* a repeated key: the first one counts */
    }
    a->nstates = nstates;
    /* 3. breadth first: failure links, missing transitions, output links */
    Py_ssize_t head = 0, tail = 0;
    fail[0] = 0; a->outlink[0] = -1;
    for (Py_ssize_t c = 0; c < nsym; c++) {
        int32_t u = a->delta[c];
        if (u < 0) { a->delta[c] = 0; continue; }
        fail[u] = 0; a->outlink[u] = -1; queue[tail++] = u;
    }
    a->delta[0] = 0;  /* symbol 0 (a character of no key) always goes back to the root */
    while (head < tail) {
        int32_t s = queue[head++];
        int32_t *row = &a->delta[(Py_ssize_t)s * nsym], *frow = &a->delta[(Py_ssize_t)fail[s] * nsym];
        for (Py_ssize_t c = 0; c < nsym; c++) {
            int32_t u = row[c];
            if (u < 0) { row[c] = frow[c]; continue; }
            int32_t f = frow[c];
            fail[u] = f;
            a->outlink[u] = a->term[f] >= 0 ? f : a->outlink[f];
            queue[tail++] = u;
        }
    }
    /* 4. compact: states renumbered breadth first (those near the root, which a text visits most,
     * share cache lines) in a table of exactly nstates rows, with 16-bit cells when they fit. */
    int32_t *renum = fail, *term = NULL, *outlink = NULL;
    renum[0] = 0;
    for (Py_ssize_t i = 0; i < tail; i++) renum[queue[i]] = (int32_t)(i + 1);
    size_t cells = (size_t)nstates * (size_t)nsym;
    int narrow = nstates <= 65536;
    void *table = PyMem_Malloc(cells * (narrow ? sizeof(uint16_t) : sizeof(int32_t)));
    term = PyMem_Malloc(sizeof(int32_t) * nstates);
    outlink = PyMem_Malloc(sizeof(int32_t) * nstates);
    if (!table || !term || !outlink) {
        PyMem_Free(table); PyMem_Free(term); PyMem_Free(outlink); PyMem_Free(fail); PyMem_Free(queue);
        PyErr_NoMemory(); return -1;
    }
    for (Py_ssize_t ns = 0; ns < nstates; ns++) {
        int32_t os = ns ? queue[ns - 1] : 0;
        const int32_t *row = &a->delta[(Py_ssize_t)os * nsym];
        for (Py_ssize_t c = 0; c < nsym; c++) {
            if (narrow) ((uint16_t *)table)[ns * nsym + c] = (uint16_t)renum[row[c]];
            else ((int32_t *)table)[ns * nsym + c] = renum[row[c]];
        }
        term[ns] = a->term[os];
        outlink[ns] = a->outlink[os] >= 0 ? renum[a->outlink[os]] : -1;
    }
    PyMem_Free(a->delta); PyMem_Free(a->term); PyMem_Free(a->outlink);
    a->delta = narrow ? NULL : table;
    a->delta16 = narrow ? table : NULL;
    a->term = term;
    a->outlink = outlink;
    PyMem_Free(fail); PyMem_Free(queue);
    return 0;
}

/* Runs the statements given for every key occurrence (`end`: its last character, `key`: its
 * index), by end position, longest first. */
#define AUTOMATON_WALK_WITH(a, table, text, ...)                                        \
    do {                                                                                \
        Py_ssize_t n_ = PyUnicode_GET_LENGTH(text);                                     \
        int kind_ = PyUnicode_KIND(text);                                               \
        const void *data_ = PyUnicode_DATA(text);                                       \
        int32_t state_ = 0;                                                             \
        for (Py_ssize_t end = 0; end < n_; end++) {                                     \
            state_ = (table)[(Py_ssize_t)state_ * (a)->nsym +                           \
                             symbol_of((a), PyUnicode_READ(kind_, data_, end))];        \
            for (int32_t t_ = (a)->term[state_] >= 0 ? state_ : (a)->outlink[state_];   \
                 t_ >= 0; t_ = (a)->outlink[t_]) {                                      \
                Py_ssize_t key = (a)->term[t_];                                         \
                __VA_ARGS__                                                             \
            }                                                                           \
        }                                                                               \
    } while (0)
#define AUTOMATON_WALK(a, text, ...)                                                     \
    do {                                                                                \
        if ((a)->delta16) AUTOMATON_WALK_WITH(a, (a)->delta16, text, __VA_ARGS__);      \
        else AUTOMATON_WALK_WITH(a, (a)->delta, text, __VA_ARGS__);                     \
    } while (0)

/* iter(text) -> [(end, value)]: as pyahocorasick's Automaton.iter (end is the last character). */
static PyObject *automaton_iter(Automaton *a, PyObject *text) {
    if (!PyUnicode_Check(text)) { PyErr_SetString(PyExc_TypeError, "str expected"); return NULL; }
    PyObject *out = PyList_New(0);
    if (!out) return NULL;
    AUTOMATON_WALK(a, text, {
        PyObject *t = pair(PyLong_FromSsize_t(end), a->values[key]);
        if (!t || PyList_Append(out, t) < 0) { Py_XDECREF(t); Py_DECREF(out); return NULL; }
        Py_DECREF(t);
    });
    return out;
}

/* labelled(text, labels) -> {label: sorted distinct starts}, for values (length, labels of the
 * key): every label of `labels`, in sorted order, even those not found. Twin: Starts.find_labelled. */
static PyObject *automaton_labelled(Automaton *a, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyUnicode_Check(args[0]) || !PyList_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "labelled(text: str, labels: list)");
        return NULL;
    }
    PyObject *text = args[0], *names = PySequence_List(args[1]), *index = PyDict_New(), *out = NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), nlabels = 0;
    char *seen = NULL;
    if (!names || !index || PyList_Sort(names) < 0) goto done;
    nlabels = PyList_GET_SIZE(names);
    for (Py_ssize_t k = 0; k < nlabels; k++) {
        PyObject *at = PyLong_FromSsize_t(k);
        if (!at || PyDict_SetItem(index, PyList_GET_ITEM(names, k), at) < 0) { Py_XDECREF(at); goto done; }
        Py_DECREF(at);
    }
    seen = PyMem_Calloc((size_t)(n ? n : 1) * (size_t)(nlabels ? nlabels : 1), 1);  /* label-major */
    if (!seen) { PyErr_NoMemory(); goto done; }
    AUTOMATON_WALK(a, text, {
        PyObject *value = a->values[key], *labels;
        if (!PyTuple_Check(value) || PyTuple_GET_SIZE(value) != 2 || !PyTuple_Check(labels = PyTuple_GET_ITEM(value, 1))) {
            PyErr_SetString(PyExc_TypeError, "values must be (length, labels)");
            goto done;
        }
        for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(labels); k++) {
            PyObject *at = PyDict_GetItemWithError(index, PyTuple_GET_ITEM(labels, k));
            if (!at) { if (!PyErr_Occurred()) PyErr_SetObject(PyExc_KeyError, PyTuple_GET_ITEM(labels, k)); goto done; }
            seen[PyLong_AsSsize_t(at) * n + end + 1 - a->lengths[key]] = 1;
        }
    });
    out = PyDict_New();
    for (Py_ssize_t k = 0; out && k < nlabels; k++) {
        PyObject *found = PyList_New(0);
        const char *row = seen + k * n, *at = row;
        while (found && n && (at = memchr(at, 1, (size_t)(row + n - at))) != NULL) {  /* the few marked, not every byte */
            if (append_position(found, at - row) < 0) Py_CLEAR(found);
            at++;
        }
        if (!found || PyDict_SetItem(out, PyList_GET_ITEM(names, k), found) < 0) Py_CLEAR(out);
        Py_XDECREF(found);
    }
done:
    Py_XDECREF(names);
    Py_XDECREF(index);
    PyMem_Free(seen);
    return out;
}

/* starts(text) -> sorted distinct start positions of the key occurrences. */
static PyObject *automaton_starts(Automaton *a, PyObject *text) {
    if (!PyUnicode_Check(text)) { PyErr_SetString(PyExc_TypeError, "str expected"); return NULL; }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    char *seen = PyMem_Calloc(n ? n : 1, 1);
    if (!seen) return PyErr_NoMemory();
    AUTOMATON_WALK(a, text, { seen[end + 1 - a->lengths[key]] = 1; });
    PyObject *out = PyList_New(0);
    for (const char *p = seen; out && n && (p = memchr(p, 1, (size_t)(seen + n - p))) != NULL; p++) {
        PyObject *at = PyLong_FromSsize_t(p - seen);
        if (!at || PyList_Append(out, at) < 0) Py_CLEAR(out);
        Py_XDECREF(at);
    }
    PyMem_Free(seen);
    return out;
}

typedef struct { Py_ssize_t start, stop; PyObject *hits; Py_ssize_t which; } Hit;

static int by_length_then_start(const void *a, const void *b) {
    const Hit *x = a, *y = b;
    if (x->which != y->which) return x->which < y->which ? -1 : 1;
    Py_ssize_t lx = x->stop - x->start, ly = y->stop - y->start;
    if (lx != ly) return lx > ly ? -1 : 1;
    return (x->start > y->start) - (x->start < y->start);
}

static int by_start(const void *a, const void *b) {
    const Hit *x = a, *y = b;
    return (x->start > y->start) - (x->start < y->start);
}

/* One entry of a key (which gazetteer, its hits, whether the article was dropped) kept or not: it
 * must end a word and start one, after a proclitic of `proclitics` (a key whose article was
 * dropped, "لمغرب" of "للمغرب", needs a lam before it). 1 kept, 0 not, -1 error. */
static int whole_word(PyObject *text, int kind, const void *data, Py_ssize_t n, Py_ssize_t start,
                      Py_ssize_t stop, int dropped, PyObject *proclitics) {
    if (stop < n && fast_isalnum(PyUnicode_READ(kind, data, stop))) return 0;  /* inside a word */
    Py_ssize_t lead = start;
    while (lead > 0 && fast_isalpha(PyUnicode_READ(kind, data, lead - 1))) lead--;
    if (lead == start && !dropped) return 1;
    Py_ssize_t cut = start;
    if (dropped) {
        if (cut == lead || PyUnicode_READ(kind, data, cut - 1) != 0x0644) return 0;
        cut--;
    }
    PyObject *prefix = PyUnicode_Substring(text, lead, cut);
    if (!prefix) return -1;
    int ok = PySequence_Contains(proclitics, prefix);
    Py_DECREF(prefix);
    return ok;
}

/* The whole-word occurrences of every gazetteer in one walk (`proclitics`: a tuple, one set per
 * gazetteer; `each`: values are tuples of (which, length, hits, dropped) entries, else one
 * (length, hits, dropped) of gazetteer 0), then each gazetteer's longest that do not overlap,
 * leftmost first on equal length, in text order: a list of lists of (start, stop, hits). */
static PyObject *gazetteer_words(Automaton *a, PyObject *text, PyObject *proclitics, int each) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), groups = PyTuple_GET_SIZE(proclitics);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t cap = 64, count = 0;
    Hit *found = PyMem_Malloc(sizeof(Hit) * cap);
    char *taken = NULL;
    PyObject *out = NULL;
    if (!found) return PyErr_NoMemory();
    AUTOMATON_WALK(a, text, {
        PyObject *value = a->values[key];
        Py_ssize_t entries = each && PyTuple_Check(value) ? PyTuple_GET_SIZE(value) : 1;
        for (Py_ssize_t i = 0; i < entries; i++) {
            PyObject *entry = each ? (PyTuple_Check(value) ? PyTuple_GET_ITEM(value, i) : NULL) : value;
            Py_ssize_t shift = each ? 1 : 0, which = 0;
            if (!entry || !PyTuple_Check(entry) || PyTuple_GET_SIZE(entry) != 3 + shift) {
                PyErr_SetString(PyExc_TypeError, each ? "values must be tuples of (which, length, hits, dropped)"
                                                      : "values must be (length, hits, dropped)");
                goto done;
            }
            if (each) {
                which = PyLong_AsSsize_t(PyTuple_GET_ITEM(entry, 0));
                if (which < 0 || which >= groups) {
                    if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "which out of range");
                    goto done;
                }
            }
            int dropped = PyObject_IsTrue(PyTuple_GET_ITEM(entry, 2 + shift));
            if (dropped < 0) goto done;
            Py_ssize_t stop = end + 1, start = stop - a->lengths[key];
            int ok = whole_word(text, kind, data, n, start, stop, dropped, PyTuple_GET_ITEM(proclitics, which));
            if (ok < 0) goto done;
            if (!ok) continue;
            if (count == cap) {
                Hit *more = PyMem_Realloc(found, sizeof(Hit) * cap * 2);
                if (!more) { PyErr_NoMemory(); goto done; }
                found = more;
                cap *= 2;
            }
            found[count].start = start;
            found[count].stop = stop;
            found[count].hits = PyTuple_GET_ITEM(entry, 1 + shift);  /* borrowed: the automaton holds it */
            found[count].which = which;
            count++;
        }
    });
    qsort(found, count, sizeof(Hit), by_length_then_start);  /* by gazetteer, then longest, then leftmost */
    taken = PyMem_Malloc(n ? n : 1);
    out = PyList_New(groups);
    if (!taken || !out) { Py_CLEAR(out); if (!taken) PyErr_NoMemory(); goto done; }
    Py_ssize_t k = 0;
    for (Py_ssize_t g = 0; g < groups; g++) {
        memset(taken, 0, n ? n : 1);
        Py_ssize_t first = k, kept = first;
        for (; k < count && found[k].which == g; k++) {
            Hit h = found[k];
            if (memchr(taken + h.start, 1, h.stop - h.start)) continue;
            memset(taken + h.start, 1, h.stop - h.start);
            found[kept++] = h;
        }
        qsort(found + first, kept - first, sizeof(Hit), by_start);
        PyObject *list = PyList_New(kept - first);
        if (!list) { Py_CLEAR(out); goto done; }
        PyList_SET_ITEM(out, g, list);
        for (Py_ssize_t j = first; j < kept; j++) {
            PyObject *t = PyTuple_New(3), *s = PyLong_FromSsize_t(found[j].start), *e = PyLong_FromSsize_t(found[j].stop);
            if (!t || !s || !e) { Py_XDECREF(t); Py_XDECREF(s); Py_XDECREF(e); Py_CLEAR(out); goto done; }
            Py_INCREF(found[j].hits);
            PyTuple_SET_ITEM(t, 0, s);
            PyTuple_SET_ITEM(t, 1, e);
            PyTuple_SET_ITEM(t, 2, found[j].hits);
            PyList_SET_ITEM(list, j - first, t);
        }
    }
done:
    PyMem_Free(found);
    PyMem_Free(taken);
    return out;
}

/* words(text, proclitics) -> [(start, stop, hits)], for values (length, hits, dropped): the key
 * occurrences that end a word and start one, then the longest that do not overlap (gazetteer_words
 * of one gazetteer). Twin: _native.Automaton.words. */
static PyObject *automaton_words(Automaton *a, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "words(text: str, proclitics)");
        return NULL;
    }
    PyObject *one = PyTuple_Pack(1, args[1]);
    if (!one) return NULL;
    PyObject *lists = gazetteer_words(a, args[0], one, 0);
    Py_DECREF(one);
    if (!lists) return NULL;
    PyObject *out = PyList_GET_ITEM(lists, 0);
    Py_INCREF(out);
    Py_DECREF(lists);
    return out;
}

/* words_each(text, proclitics) -> one list per gazetteer, for values that are tuples of (which,
 * length, hits, dropped): several gazetteers read in one walk. Twin: _native.Automaton.words_each. */
static PyObject *automaton_words_each(Automaton *a, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyUnicode_Check(args[0]) || !PyTuple_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "words_each(text: str, proclitics: tuple)");
        return NULL;
    }
    return gazetteer_words(a, args[0], args[1], 1);
}

/* prefilter(text, found) -> {(key, pattern): [ends]}, for values (length, owners), each owner
 * (key, pattern, lead): the walk of `Prefilter.matching`. An owner whose key is in the set `found`
 * is passed over; one with a lead is tried with pattern.match at the key's start and adds its key
 * to `found` when it matches; the others' windows are returned (the end of each occurrence, in
 * order) for the caller to search around. Twin: _native.Automaton.prefilter. */
static PyObject *automaton_prefilter(Automaton *a, PyObject *const *args, Py_ssize_t nargs) {
    static PyObject *name_match;
    if (!name_match && !(name_match = PyUnicode_InternFromString("match"))) return NULL;
    if (nargs != 2 || !PyUnicode_Check(args[0]) || !PySet_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "prefilter(text: str, found: set)");
        return NULL;
    }
    PyObject *text = args[0], *found = args[1], *windows = PyDict_New();
    if (!windows) return NULL;
    AUTOMATON_WALK(a, text, {
        PyObject *value = a->values[key];
        if (!PyTuple_Check(value) || PyTuple_GET_SIZE(value) != 2 || !PyTuple_Check(PyTuple_GET_ITEM(value, 1))) {
            PyErr_SetString(PyExc_TypeError, "values must be (length, owners)");
            goto fail;
        }
        PyObject *owners = PyTuple_GET_ITEM(value, 1);
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(owners); i++) {
            PyObject *owner = PyTuple_GET_ITEM(owners, i);
            if (!PyTuple_Check(owner) || PyTuple_GET_SIZE(owner) != 3) {
                PyErr_SetString(PyExc_TypeError, "owners must be (key, pattern, lead)");
                goto fail;
            }
            PyObject *name = PyTuple_GET_ITEM(owner, 0), *pattern = PyTuple_GET_ITEM(owner, 1);
            int seen = PySet_Contains(found, name);
            if (seen < 0) goto fail;
            if (seen) continue;
            int lead = PyObject_IsTrue(PyTuple_GET_ITEM(owner, 2));
            if (lead < 0) goto fail;
            if (!lead) {
                PyObject *pair_key = PyTuple_Pack(2, name, pattern), *stop = PyLong_FromSsize_t(end + 1);
                if (!pair_key || !stop) { Py_XDECREF(pair_key); Py_XDECREF(stop); goto fail; }
                PyObject *ends = PyDict_GetItemWithError(windows, pair_key);
                int bad = 0;
                if (!ends && !PyErr_Occurred()) {
                    ends = PyList_New(0);
                    bad = !ends || PyDict_SetItem(windows, pair_key, ends) < 0;
                    Py_XDECREF(ends);  /* the dict holds it */
                }
                bad = bad || !ends || PyList_Append(ends, stop) < 0;
                Py_DECREF(pair_key);
                Py_DECREF(stop);
                if (bad) goto fail;
                continue;
            }
            PyObject *at = PyLong_FromSsize_t(end + 1 - a->lengths[key]);
            if (!at) goto fail;
            PyObject *call[3] = {pattern, text, at};
            PyObject *m = PyObject_VectorcallMethod(name_match, call, 3 | PY_VECTORCALL_ARGUMENTS_OFFSET, NULL);
            Py_DECREF(at);
            if (!m) goto fail;
            int matched = m != Py_None;
            Py_DECREF(m);
            if (matched && PySet_Add(found, name) < 0) goto fail;
        }
    });
    return windows;
fail:
    Py_DECREF(windows);
    return NULL;
}

/* found(text, pos, endpos) -> bool: does a key occur inside text[pos:endpos]? (stops at the first) */
static PyObject *automaton_found(Automaton *a, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3 || !PyUnicode_Check(args[0]) || !PyLong_Check(args[1]) || !PyLong_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "found(text: str, pos: int, endpos: int)");
        return NULL;
    }
    PyObject *text = args[0];
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    Py_ssize_t pos = PyLong_AsSsize_t(args[1]), endpos = PyLong_AsSsize_t(args[2]);
    if ((pos == -1 || endpos == -1) && PyErr_Occurred()) return NULL;
    if (pos < 0) pos = pos + n < 0 ? 0 : pos + n;  /* as a slice's bounds */
    if (endpos < 0) endpos = endpos + n < 0 ? 0 : endpos + n;
    if (endpos > n) endpos = n;
    if (pos >= endpos || !a->nkeys) Py_RETURN_FALSE;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    int32_t state = 0;
    for (Py_ssize_t i = pos; i < endpos; i++) {
        Py_ssize_t sym = symbol_of(a, PyUnicode_READ(kind, data, i));
        state = a->delta16 ? a->delta16[(Py_ssize_t)state * a->nsym + sym] : a->delta[(Py_ssize_t)state * a->nsym + sym];
        if (a->term[state] >= 0 || a->outlink[state] >= 0) Py_RETURN_TRUE;
    }
    Py_RETURN_FALSE;
}

static PyObject *automaton_len(Automaton *a, PyObject *unused) { return PyLong_FromSsize_t(a->nkeys); }

static PyMethodDef automaton_methods[] = {
    {"iter", (PyCFunction)automaton_iter, METH_O, "iter(text) -> [(end, value)], as pyahocorasick"},
    {"starts", (PyCFunction)automaton_starts, METH_O, "starts(text) -> sorted distinct starts of the keys found"},
    {"labelled", (PyCFunction)(void (*)(void))automaton_labelled, METH_FASTCALL,
     "labelled(text, labels) -> {label: sorted distinct starts of its keys} (values: (length, labels))"},
    {"words", (PyCFunction)(void (*)(void))automaton_words, METH_FASTCALL,
     "words(text, proclitics) -> longest non-overlapping whole-word hits (values: (length, hits, dropped))"},
    {"words_each", (PyCFunction)(void (*)(void))automaton_words_each, METH_FASTCALL,
     "words_each(text, proclitics) -> words() of each gazetteer (values: tuples of (which, length, hits, dropped))"},
    {"prefilter", (PyCFunction)(void (*)(void))automaton_prefilter, METH_FASTCALL,
     "prefilter(text, found) -> windows of Prefilter.matching (values: (length, owners))"},
    {"found", (PyCFunction)(void (*)(void))automaton_found, METH_FASTCALL,
     "found(text, pos, endpos) -> does a key occur inside text[pos:endpos]"},
    {"size", (PyCFunction)automaton_len, METH_NOARGS, "number of keys"},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject AutomatonType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "marsad._speedups.Automaton",
    .tp_basicsize = sizeof(Automaton),
    .tp_dealloc = (destructor)automaton_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Automaton(pairs): Aho-Corasick DFA over (key, value) pairs",
    .tp_methods = automaton_methods,
    .tp_init = (initproc)automaton_init,
    .tp_new = PyType_GenericNew,
};

/* ---------------------------------------------------------------------- positions, matches_at */

/* positions(text, part) -> [int]: where `part` occurs, left to right, without overlaps. */
static PyObject *fast_positions(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyUnicode_Check(args[0]) || !PyUnicode_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "positions(text: str, part: str)");
        return NULL;
    }
    PyObject *text = args[0], *part = args[1];
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), m = PyUnicode_GET_LENGTH(part);
    if (m == 0) { PyErr_SetString(PyExc_ValueError, "empty part"); return NULL; }
    PyObject *out = PyList_New(0);
    Py_ssize_t at = 0;
    Py_UCS4 c = PyUnicode_READ_CHAR(part, 0);
    while (out) {
        at = m == 1 ? PyUnicode_FindChar(text, c, at, n, 1) : PyUnicode_Find(text, part, at, n, 1);
        if (at == -2) Py_CLEAR(out);
        if (at < 0) break;
        if (append_position(out, at) < 0) Py_CLEAR(out);
        at += m;
    }
    return out;
}

/* The first index of the sorted ints `xs` (a list or tuple) whose item is not less than `x`. */
static Py_ssize_t bisect_left(PyObject *xs, Py_ssize_t x) {
    Py_ssize_t lo = 0, hi = PySequence_Fast_GET_SIZE(xs);
    while (lo < hi) {
        Py_ssize_t mid = (lo + hi) / 2, v = PyLong_AsSsize_t(PySequence_Fast_GET_ITEM(xs, mid));
        if (v == -1 && PyErr_Occurred()) return -1;
        if (v < x) lo = mid + 1; else hi = mid;
    }
    return lo;
}

/* matches_at(pattern, text, starts, start, end) -> [Match]: pattern.finditer(text, start, end)
 * for a pattern that can only match at `starts` (sorted ints, a list or a tuple): pattern.match tried there, left to
 * right, skipping the starts inside the last match. `end` None: the end of the text. */
static PyObject *fast_matches_at(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    static PyObject *name_match, *name_end;
    if (!name_match && (!(name_match = PyUnicode_InternFromString("match")) ||
                        !(name_end = PyUnicode_InternFromString("end")))) return NULL;
    if (nargs != 5 || !PyUnicode_Check(args[1]) || !(PyList_Check(args[2]) || PyTuple_Check(args[2]))) {
        PyErr_SetString(PyExc_TypeError, "matches_at(pattern, text: str, starts: list | tuple, start: int, end: int | None)");
        return NULL;
    }
    PyObject *pattern = args[0], *text = args[1], *starts = args[2], *end_obj = args[4], *out = NULL;
    Py_ssize_t start = PyLong_AsSsize_t(args[3]);
    if (start == -1 && PyErr_Occurred()) return NULL;
    Py_ssize_t end = end_obj == Py_None ? PyUnicode_GET_LENGTH(text) : PyLong_AsSsize_t(end_obj);
    if (end == -1 && PyErr_Occurred()) return NULL;
    PyObject *end_arg = PyLong_FromSsize_t(end);
    if (!end_arg) return NULL;
    Py_ssize_t first = bisect_left(starts, start), last = first < 0 ? -1 : bisect_left(starts, end);
    if (last < 0 || !(out = PyList_New(0))) goto done;
    Py_ssize_t pos = start;
    for (Py_ssize_t k = first; k < last; k++) {
        PyObject *p = PySequence_Fast_GET_ITEM(starts, k);
        Py_ssize_t at = PyLong_AsSsize_t(p);
        if (at == -1 && PyErr_Occurred()) { Py_CLEAR(out); goto done; }
        if (at < pos) continue;
        PyObject *call[4] = {pattern, text, p, end_arg};
        PyObject *m = PyObject_VectorcallMethod(name_match, call, 4 | PY_VECTORCALL_ARGUMENTS_OFFSET, NULL);
        if (!m) { Py_CLEAR(out); goto done; }
        if (m == Py_None) { Py_DECREF(m); continue; }
        PyObject *stop = PyObject_VectorcallMethod(name_end, &m, 1 | PY_VECTORCALL_ARGUMENTS_OFFSET, NULL);
        pos = stop ? PyLong_AsSsize_t(stop) : -1;
        Py_XDECREF(stop);
        if ((pos == -1 && PyErr_Occurred()) || PyList_Append(out, m) < 0) { Py_DECREF(m); Py_CLEAR(out); goto done; }
        Py_DECREF(m);
    }
done:
    Py_DECREF(end_arg);
    return out;
}

static PyMethodDef methods[] = {
    {"positions", (PyCFunction)(void (*)(void))fast_positions, METH_FASTCALL,
     "positions(text, part) -> where part occurs, left to right, without overlaps"},
    {"matches_at", (PyCFunction)(void (*)(void))fast_matches_at, METH_FASTCALL,
     "matches_at(pattern, text, starts, start, end) -> the matches of pattern.finditer that start at `starts`"},
    {"word_runs", fast_word_runs, METH_O, "word_runs(text) -> re.findall(r'[^\\W_]+', text)"},
    {"tokens", fast_tokens, METH_O, "tokens(text) -> (words, starts, ends) of people.TOKEN"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "marsad._speedups", NULL, -1, methods};

static int add_type(PyObject *m, PyTypeObject *type, const char *name) {
    if (PyType_Ready(type) < 0) return -1;
    Py_INCREF(type);
    if (PyModule_AddObject(m, name, (PyObject *)type) < 0) { Py_DECREF(type); return -1; }
    return 0;
}

PyMODINIT_FUNC PyInit__speedups(void) {
    PyObject *m = PyModule_Create(&module);
    if (!m) return NULL;
    if (add_type(m, &AutomatonType, "Automaton") < 0 || add_type(m, &FoldingType, "Folding") < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
