"""nianbao: Chinese government information-disclosure annual reports to structured records.

A thin ctypes layer over libnianbao (the C library the ``nianbao`` command is built on)::

    import nianbao
    rec = nianbao.extract("report.pdf")          # dict: the JSON contract
    rec["values"]["t3.new.total"]
    for rec in nianbao.extract_many(paths, jobs=4):   # records as they finish
        ...
    df = nianbao.to_dataframe(records)            # pandas: one row per document

Errors raise NianbaoError (``code``, ``message``, ``path``). The library is looked up in this
order: $NIANBAO_LIB (a file), the installed layout (``PREFIX/lib`` three levels above this
package: ``PREFIX/lib/python3/dist-packages/nianbao``), then the system's library path.
"""
import concurrent.futures
import ctypes
import ctypes.util
import json
import os

__all__ = ["extract", "extract_many", "to_dataframe", "field_ids", "version", "NianbaoError",
           "LIMITS", "OCR"]

_SONAME = "libnianbao.so.0"

# nianbao_limit names accepted by extract(..., limits={...})
LIMITS = {"input_bytes": 0, "zip_entry": 1, "zip_total": 2, "pdf_pages": 3}
# nianbao_ocr modes accepted by extract(..., ocr=...): as the command's --ocr never|auto|always
OCR = {"never": 0, "auto": 1, "always": 2}


class NianbaoError(Exception):
    """A document nianbao could not read. code: the nianbao_code (2 = cannot read the file,
    3 = malformed, 4 = unsupported kind, 5 = over a safety cap, 6 = bad argument)."""

    def __init__(self, code, message, path=None):
        self.code, self.message, self.path = code, message, path
        super().__init__(f"{path}: {message}" if path else message)


class _Error(ctypes.Structure):
    _fields_ = [("code", ctypes.c_int), ("message", ctypes.c_char * 256)]


def _candidates():
    env = os.environ.get("NIANBAO_LIB")
    if env:
        yield env
    here = os.path.dirname(os.path.abspath(__file__))
    yield os.path.normpath(os.path.join(here, "..", "..", "..", _SONAME))
    yield _SONAME
    found = ctypes.util.find_library("nianbao")
    if found:
        yield found


def _load():
    errors = []
    for path in _candidates():
        if os.sep in path and not os.path.exists(path):
            continue
        try:
            return ctypes.CDLL(path)
        except OSError as e:
            errors.append(str(e))
    raise ImportError("libnianbao not found (set NIANBAO_LIB to libnianbao.so.0): " +
                      "; ".join(errors))


_lib = _load()
_P, _E = ctypes.c_void_p, ctypes.POINTER(_Error)
for _name, _res, _args in [
    ("nianbao_version", ctypes.c_char_p, []),
    ("nianbao_extract_path_opts", _P, [ctypes.c_char_p, _P, _E]),
    ("nianbao_extract_memory_opts", _P, [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, _P, _E]),
    ("nianbao_record_json", ctypes.c_char_p, [_P]),
    ("nianbao_record_free", None, [_P]),
    ("nianbao_options_new", _P, []),
    ("nianbao_options_free", None, [_P]),
    ("nianbao_options_set_limit", ctypes.c_int, [_P, ctypes.c_int, ctypes.c_size_t]),
    ("nianbao_options_set_ocr", ctypes.c_int, [_P, ctypes.c_int]),
    ("nianbao_field_id", ctypes.c_char_p, [ctypes.c_int]),
]:
    _fn = getattr(_lib, _name)
    _fn.restype, _fn.argtypes = _res, _args

NVALUES = 200


def version():
    """The library's version string."""
    return _lib.nianbao_version().decode()


def field_ids():
    """The 200 value ids in the JSON's order ("t2.rules.issued", ...)."""
    return [_lib.nianbao_field_id(i).decode() for i in range(NVALUES)]


def _options(limits, ocr):
    if ocr not in OCR:
        raise ValueError(f"nianbao: bad ocr mode {ocr!r} (known: {', '.join(OCR)})")
    if not limits and ocr == "auto":
        return None
    opts = _lib.nianbao_options_new()
    if not opts:
        raise MemoryError("nianbao: out of memory")
    _lib.nianbao_options_set_ocr(opts, OCR[ocr])
    for key, value in (limits or {}).items():
        if key not in LIMITS or _lib.nianbao_options_set_limit(opts, LIMITS[key], int(value)) != 0:
            _lib.nianbao_options_free(opts)
            raise ValueError(f"nianbao: bad limit {key}={value!r} (known: {', '.join(LIMITS)})")
    return opts


def extract(source, name=None, limits=None, ocr="auto"):
    """The record of one document as a dict (the JSON contract).

    source: a path (str or os.PathLike) or the document's bytes (then ``name`` is what the
    record's "file" holds). limits: optional caps, e.g. {"pdf_pages": 50}. ocr: which PDF pages
    are read by OCR: "auto" (pages without a text layer), "never" or "always". Raises NianbaoError
    when the document cannot be read.
    """
    err = _Error()
    opts = _options(limits, ocr)
    try:
        if isinstance(source, (bytes, bytearray, memoryview)):
            data = bytes(source)
            label = name or ""
            rec = _lib.nianbao_extract_memory_opts(data, len(data), os.fsencode(label), opts,
                                                   ctypes.byref(err))
        else:
            label = os.fspath(source)
            rec = _lib.nianbao_extract_path_opts(os.fsencode(label), opts, ctypes.byref(err))
    finally:
        if opts:
            _lib.nianbao_options_free(opts)
    if not rec:
        raise NianbaoError(err.code, err.message.decode("utf-8", "replace"), label or None)
    try:
        return json.loads(_lib.nianbao_record_json(rec).decode("utf-8"))
    finally:
        _lib.nianbao_record_free(rec)


def extract_many(paths, jobs=None, errors="raise", limits=None, ocr="auto"):
    """Yields the records of many documents as they finish (not in input order), on ``jobs``
    threads (default: the number of cores; the library releases the GIL while it works).

    errors="raise" stops at the first unreadable document with NianbaoError; errors="yield"
    yields the NianbaoError in place of its record and goes on.
    """
    if errors not in ("raise", "yield"):
        raise ValueError("errors must be 'raise' or 'yield'")
    jobs = jobs or os.cpu_count() or 1
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(extract, p, None, limits, ocr) for p in paths]
        try:
            for fut in concurrent.futures.as_completed(futures):
                try:
                    yield fut.result()
                except NianbaoError as e:
                    if errors == "raise":
                        raise
                    yield e
        finally:
            for fut in futures:
                fut.cancel()


def to_dataframe(records):
    """A pandas DataFrame with one row per record: file, format, agency, year, failed_checks,
    then the 200 values as columns (NaN when null). Needs pandas."""
    try:
        import pandas
    except ImportError as e:
        raise ImportError("nianbao.to_dataframe needs pandas (apt-get install python3-pandas)") from e
    ids = field_ids()
    rows = []
    for r in records:
        if isinstance(r, Exception):
            continue
        row = {"file": r.get("file"), "format": r.get("format"), "agency": r.get("agency"),
               "year": r.get("year"),
               "failed_checks": sum(1 for c in r.get("checks", []) if c.get("ok") is False)}
        values = r.get("values", {})
        for i in ids:
            v = values.get(i)
            row[i] = float("nan") if v is None else v
        rows.append(row)
    columns = ["file", "format", "agency", "year", "failed_checks"] + ids
    df = pandas.DataFrame(rows, columns=columns)
    df["year"] = df["year"].astype("Int64")
    return df
