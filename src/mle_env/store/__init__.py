"""Where results go on disk: the run directory, its SQLite index, and atomic writes.

``files`` — atomic writes, the capped and safe copying of an agent's response files, and
the depth-bounded parsing of JSON it wrote;
``index`` — ``index.sqlite``, one row per sample; ``rundir`` — the run directory's layout,
``run.json`` and ``summary.json``.
"""

from mle_env.store.files import (
    CAPS,
    MAX_JSON_DEPTH,
    MAX_RESPONSE_FILE,
    Copied,
    JSONTooDeep,
    ResponseCaps,
    copy_response,
    loads_bounded,
    printable,
    read_regular,
    response_files,
    write_atomic,
    write_json,
)

__all__ = [
    "CAPS",
    "MAX_JSON_DEPTH",
    "MAX_RESPONSE_FILE",
    "Copied",
    "JSONTooDeep",
    "ResponseCaps",
    "copy_response",
    "loads_bounded",
    "printable",
    "read_regular",
    "response_files",
    "write_atomic",
    "write_json",
]
