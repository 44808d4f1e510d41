"""``mle-env report`` and ``mle-env view``: the HTML report of runs, as a file or served."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mle_env.errors import RunError


def cmd_report(args: argparse.Namespace) -> int:
    from mle_env.store.files import write_atomic
    from mle_env.view import load_run, render

    html = render([load_run(d) for d in args.run_dirs])
    out = Path(args.output)
    try:
        write_atomic(out, html.encode("utf-8"))
    except OSError as e:
        raise RunError(f"-o {out}: cannot write: {e.strerror or e}") from None
    print(f"wrote {out} ({len(html.encode()) / 1e6:.2f} MB; open it in a browser, no network needed)")
    return 0


def cmd_view(args: argparse.Namespace) -> int:
    from mle_env.view import load_run
    from mle_env.view.serve import make_server

    for d in args.run_dirs:
        load_run(d)  # a wrong path stops here, with the message summary gives
    try:
        server = make_server(args.run_dirs, args.host, args.port)
    except OSError as e:
        raise RunError(f"cannot listen on {args.host}:{args.port}: {e.strerror or e}") from None
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"serving {len(args.run_dirs)} run(s) at http://{host}:{server.server_port}/ (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
        print("stopped", file=sys.stderr)
    return 0
