#!/bin/sh
# Build the images without an image registry: a Debian rootfs from Debian's packages
# (debootstrap), Python packages from PyPI installed into it from the host side, then
# `docker import`. No container ever has a network while building. Cached: a second run
# with the same inputs takes seconds (rootfs tars and pip trees under $MLE_ENV_DOCKER_CACHE,
# images labelled with the hash of their inputs).
#
#   docker/build-images.sh [sandbox] [harness]     (default: both; needs root for debootstrap)
#
#   mle-env-sandbox:latest   what `--sandbox docker` runs: python3 + numpy, pandas, scikit-learn
#                            (the versions of requirements.lock)
#   mle-env-harness:latest   mle-env itself with its locked dependencies and the bundled tasks;
#                            runs `mle-env serve` as uid 1000 (docs/deploy.md)
#
# Where a registry is reachable, `docker build -t mle-env-sandbox:latest docker/` and
# `docker build -f docker/Dockerfile.harness -t mle-env-harness:latest .` (FROM python:3.11-slim)
# make the same images the usual way.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${MLE_ENV_DOCKER_CACHE:-/var/cache/mle-env/docker}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
SUITE=bookworm
PY=${PYTHON:-python3}
SANDBOX_PKGS="numpy pandas scikit-learn scipy"

say() { echo "build-images: $*" >&2; }
key() { cat "$@" | cksum | cut -d' ' -f1; }
label() { docker image inspect -f '{{index .Config.Labels "mle-env.key"}}' "$1" 2>/dev/null || true; }

# rootfs NAME PACKAGES: a cached tar of a minbase bookworm with PACKAGES
rootfs() {
    tar="$CACHE/rootfs-$1-$(echo "$SUITE $MIRROR $2" | cksum | cut -d' ' -f1).tar"
    if [ ! -f "$tar" ]; then
        command -v debootstrap >/dev/null 2>&1 || {
            say "installing debootstrap (apt-get) …"
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >/dev/null
        }
        dir=$(mktemp -d "$CACHE/rootfs.XXXXXX")
        say "debootstrap $SUITE ($1: $2) from $MIRROR — first time only, a few minutes …"
        debootstrap --variant=minbase --include="$2" "$SUITE" "$dir" "$MIRROR" >"$dir.log" 2>&1 ||
            { say "debootstrap failed (log: $dir.log)"; exit 1; }
        rm -rf "$dir/var/cache/apt/archives"/*.deb "$dir/var/lib/apt/lists"/* "$dir/usr/share/doc" "$dir/usr/share/man"
        tar -C "$dir" -cf "$tar.part" . && mv "$tar.part" "$tar"
        rm -rf "$dir" "$dir.log"
    fi
    echo "$tar"
}

# sitetree NAME PINFILE: a cached directory of those packages installed for Python 3.11 on Linux
sitetree() {
    dir="$CACHE/site-$1-$(key "$2")"
    if [ ! -d "$dir" ]; then
        say "pip: installing $(wc -l <"$2") packages for the $1 image …"
        "$PY" -m pip install -q --disable-pip-version-check --no-deps --no-compile --target "$dir.part" \
            --only-binary=:all: --python-version 3.11 --platform "manylinux2014_$(uname -m)" \
            --platform "manylinux_2_28_$(uname -m)" --implementation cp -r "$2" >"$dir.log" 2>&1 ||
            { say "pip failed (log: $dir.log)"; exit 1; }
        rm -f "$dir.log"
        rm -rf "$dir.part/bin"
        mv "$dir.part" "$dir"
    fi
    echo "$dir"
}

# image TAG KEY ROOTFS_TAR SITE_DIR CHANGES...: import rootfs + site-packages unless KEY matches
import_image() {
    tag=$1 k=$2 tar=$3 site=$4; shift 4
    if [ "$(label "$tag")" = "$k" ]; then say "$tag is up to date"; return 0; fi
    say "docker import $tag …"
    work=$(mktemp -d "$CACHE/import.XXXXXX")
    tar -C "$work" -xf "$tar"
    mkdir -p "$work/usr/local/lib/python3.11/dist-packages"
    cp -a "$site/." "$work/usr/local/lib/python3.11/dist-packages/"
    # no setuid or setgid file (su, mount, passwd ...): the image's root cannot be mounted nosuid
    find "$work" -xdev -type f -perm /6000 -exec chmod ug-s {} +
    tar -C "$work" -cf - . | docker import --change "LABEL mle-env.key=$k" "$@" - "$tag" >/dev/null
    rm -rf "$work"
}

sandbox() {
    tar=$(rootfs sandbox python3,python-is-python3)
    pinfile="$CACHE/sandbox-pins.txt"
    "$PY" "$ROOT/tools/runtime_pins.py" "$ROOT" $SANDBOX_PKGS >"$pinfile"
    site=$(sitetree sandbox "$pinfile")
    import_image mle-env-sandbox:latest "$(key "$0" "$pinfile")" "$tar" "$site" \
        --change "ENV LANG=C.UTF-8" --change 'CMD ["python3"]'
}

harness() {
    tar=$(rootfs harness python3,python-is-python3,ca-certificates,docker.io,tini)
    pinfile="$CACHE/harness-pins.txt"
    mkdir -p "$CACHE"
    # the runtime dependencies of mle-env, at the lock's versions (not the dev tools)
    "$PY" "$ROOT/tools/runtime_pins.py" >"$pinfile"
    site=$(sitetree harness "$pinfile")
    import_image mle-env-harness-deps:latest "$(key "$0" "$pinfile")" "$tar" "$site" --change "ENV LANG=C.UTF-8"
    say "docker build mle-env-harness:latest (the project on top, no network) …"
    docker build -q --network none -f "$ROOT/docker/Dockerfile.harness" --build-arg BASE=mle-env-harness-deps:latest \
        --build-arg INSTALL=copy -t mle-env-harness:latest "$ROOT" >/dev/null
}

mkdir -p "$CACHE"
[ $# -gt 0 ] || set -- sandbox harness
trap 'docker image prune -f >/dev/null 2>&1 || true' EXIT  # the images each rebuild replaced
for what in "$@"; do
    case "$what" in
    sandbox) sandbox ;;
    harness) harness ;;
    *) echo "usage: docker/build-images.sh [sandbox] [harness]" >&2; exit 2 ;;
    esac
done
