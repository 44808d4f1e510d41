"""The runtime dependencies of mle-env at requirements.lock's versions, one ``name==version`` a line.

    python tools/runtime_pins.py [ROOT] [NAME ...]

With NAMEs, the closure of those packages instead (the sandbox image: numpy, pandas, scikit-learn, scipy).

The lock pins the dev tools too (pytest, mypy, ray ...); an image needs only what
``pyproject.toml``'s ``dependencies`` pull in. The closure is read from uv's ``# via``
comments in the lock, so it is the lock's own resolution, not a new one.
"""

import re
import sys
import tomllib
root = sys.argv[1] if len(sys.argv) > 1 else __file__.rsplit('/tools/', 1)[0]
only = [n.lower().replace('_', '-') for n in sys.argv[2:]]
lock = {}
for line in open(f"{root}/requirements.lock"):
    m = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)\s*(;[^\\]*)?", line)
    if m:  # name -> "name==version ; marker" (the marker kept: pip evaluates it)
        lock[m.group(1).lower().replace("_", "-")] = (m.group(2) + " " + (m.group(3) or "")).strip()
# every package the lock says is needed by a runtime dependency (uv's "# via" comments)
deps = tomllib.load(open(f"{root}/pyproject.toml", "rb"))["project"]["dependencies"]
want = set(only) or {re.split(r"[<>=!;\[ ]", d)[0].lower().replace("_", "-") for d in deps}
via: dict[str, set[str]] = {}
name = None
for line in open(f"{root}/requirements.lock"):
    m = re.match(r"^([A-Za-z0-9_.\-]+)==", line)
    if m:
        name = m.group(1).lower().replace("_", "-")
        via[name] = set()
    elif name and "#" in line:
        words = line.split("#", 1)[1].split()
        if words[:1] == ["via"]:
            words = words[1:]
        if words:
            via[name].add(words[0].lower().replace("_", "-"))
changed = True
while changed:
    changed = False
    for n, parents in via.items():
        if n not in want and parents & want:
            want.add(n); changed = True
for n in sorted(want):
    if n in lock:
        print(f"{n}=={lock[n]}")
