"""Where results go on disk: the run directory, its SQLite index, and atomic writes.

``files`` — atomic writes and the safe reading of an agent's response files;
``index`` — ``index.sqlite``, one row per sample; ``rundir`` — the run directory's layout,
``run.json`` and ``summary.json``.
"""

from mle_env.store.files import (
    MAX_RESPONSE_FILE,
    copy_response,
    read_regular,
    response_files,
    write_atomic,
    write_json,
)

__all__ = ["MAX_RESPONSE_FILE", "copy_response", "read_regular", "response_files", "write_atomic", "write_json"]
