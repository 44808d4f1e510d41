#!/bin/sh
# A Docker engine for the tests, started only where none answers and only where it can be.
#   docker/engine.sh up     print `export DOCKER_HOST=…` lines for an engine that answers
#                           (the one already running, or one started here); exit 1 with the
#                           reason on stderr where there can be none (not Linux, not root, no apt)
#   docker/engine.sh down   stop the engine `up` started (never one it found running)
#
# The engine started here has no bridge network and touches no iptables (`--bridge=none
# --iptables=false`): containers get `--network none` (sandboxes) or the host's loopback
# (`--network host`, the harness image's tests) and nothing else. Its data root is a cache
# directory, so images built once stay for the next run (MLE_ENV_DOCKER_CACHE).
set -eu
CACHE=${MLE_ENV_DOCKER_CACHE:-/var/cache/mle-env/docker}
RUN=${MLE_ENV_DOCKER_RUN:-/tmp/mle-env-dockerd}
SOCK=$RUN/docker.sock

say() { echo "docker/engine.sh: $*" >&2; }

up() {
    if docker info >/dev/null 2>&1; then return 0; fi            # an engine answers already
    if [ -S "$SOCK" ] && DOCKER_HOST=unix://$SOCK docker info >/dev/null 2>&1; then
        echo "export DOCKER_HOST=unix://$SOCK"; return 0          # ours, from an earlier `up`
    fi
    case "$(uname -s)" in Linux) ;; *) say "no Docker engine and not Linux: not starting one"; exit 1 ;; esac
    if [ "$(id -u)" != 0 ]; then say "no Docker engine answers and not root: not starting one"; exit 1; fi
    if ! command -v dockerd >/dev/null 2>&1; then
        command -v apt-get >/dev/null 2>&1 || { say "no dockerd and no apt-get to install docker.io"; exit 1; }
        say "installing docker.io (apt-get) …"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker.io >"$RUN.apt.log" 2>&1 ||
            { say "apt-get install docker.io failed (log: $RUN.apt.log)"; exit 1; }
    fi
    mkdir -p "$CACHE/data" "$RUN"
    if [ -f "$RUN/dockerd.pid" ] && ! kill -0 "$(cat "$RUN/dockerd.pid")" 2>/dev/null; then
        # an engine of ours that died without cleaning up (its session was killed): its state goes
        awk -v run="$RUN/exec" 'index($2, run) == 1 { print $2 }' /proc/self/mounts | sort -r |
            while read -r m; do umount -l "$m" 2>/dev/null || true; done
        rm -rf "$RUN/dockerd.pid" "$RUN/exec" "$SOCK" "$RUN/started-by-us" 2>/dev/null || true
    fi
    say "starting dockerd (no bridge, no iptables; data root $CACHE/data) …"
    nohup dockerd --bridge=none --iptables=false --ip6tables=false \
        --data-root "$CACHE/data" --exec-root "$RUN/exec" --pidfile "$RUN/dockerd.pid" \
        --host "unix://$SOCK" >"$RUN/dockerd.log" 2>&1 &
    echo $! >"$RUN/started-by-us"
    i=0
    until DOCKER_HOST=unix://$SOCK docker info >/dev/null 2>&1; do
        i=$((i + 1))
        if [ $i -gt 60 ]; then say "dockerd did not answer within 30 s (log: $RUN/dockerd.log)"; down; exit 1; fi
        sleep 0.5
    done
    echo "export DOCKER_HOST=unix://$SOCK"
}

down() {
    [ -f "$RUN/started-by-us" ] || return 0
    pid=$(cat "$RUN/started-by-us")
    rm -f "$RUN/started-by-us"
    kill "$pid" 2>/dev/null || return 0
    i=0
    while kill -0 "$pid" 2>/dev/null && [ $i -lt 40 ]; do sleep 0.5; i=$((i + 1)); done
}

case "${1:-}" in
up) up ;;
down) down ;;
*) echo "usage: docker/engine.sh up|down" >&2; exit 2 ;;
esac
