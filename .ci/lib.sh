# shellcheck shell=bash
# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
#
# Shared functions for .ci/serve (make run) and .ci/test (make test).
# Source it; it does nothing by itself.  Every function that can fail calls
# ci_die with a message that says what to do.

set -euo pipefail

CI_REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CI_START_SECONDS=${CI_START_SECONDS:-$SECONDS}

# ---------------------------------------------------------------------------
# Configuration (environment variables; see README.md)
# ---------------------------------------------------------------------------
PYTHON=${PYTHON:-python3}
CXZY_CACHE_DIR=${CXZY_CACHE_DIR:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/cxzy}
# Addons under test and the directory that holds them (the repository).
CXZY_ADDONS=${CXZY_ADDONS:-cxzy_campaign,cxzy_evaluation}
CXZY_ADDONS_DIR=${CXZY_ADDONS_DIR:-$CI_REPO_ROOT}
ODOO_SOURCE_DEFAULT=https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz
ODOO_SOURCE=${ODOO_SOURCE:-$ODOO_SOURCE_DEFAULT}
CXZY_ODOO_DIR=${CXZY_ODOO_DIR:-$CXZY_CACHE_DIR/odoo-18.0}
# The private PostgreSQL cluster lives outside the repository.  /tmp rather
# than $HOME: when we run as root the server runs as the `postgres` user,
# which must be able to reach its data directory.
CXZY_PG_DIR=${CXZY_PG_DIR:-${TMPDIR:-/tmp}/cxzy-pg-$(id -u)}

export PIP_ROOT_USER_ACTION=ignore PIP_DISABLE_PIP_VERSION_CHECK=1
export DEBIAN_FRONTEND=noninteractive

# ---------------------------------------------------------------------------
# Messages
# ---------------------------------------------------------------------------
ci_log() { printf '[cxzy %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
ci_warn() { printf '[cxzy %s] WARNING: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
ci_die() {
    printf '\n[cxzy] ERROR: %s\n' "$*" >&2
    exit 1
}
ci_banner() {
    printf '\n==============================================================\n'
    printf '== %s\n' "$*"
    printf '==============================================================\n'
}
ci_elapsed() {
    local s=$((SECONDS - CI_START_SECONDS))
    printf '%dm%02ds' $((s / 60)) $((s % 60))
}
ci_is_root() { [ "$(id -u)" = 0 ]; }

# ---------------------------------------------------------------------------
# System packages (Debian)
# ---------------------------------------------------------------------------
CI_APT_UPDATED=
ci_apt_install() {
    # ci_apt_install PACKAGE... : install Debian packages (root only).
    local sudo=
    if ! ci_is_root; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            sudo="sudo -n"
        else
            ci_die "missing system packages: $*. Install them (e.g. 'sudo apt-get install $*') and retry."
        fi
    fi
    command -v apt-get >/dev/null 2>&1 ||
        ci_die "missing system packages: $* (and no apt-get here). Install them and retry."
    ci_log "apt-get install $*"
    if [ -z "$CI_APT_UPDATED" ]; then
        $sudo apt-get update -qq >/dev/null || ci_die "apt-get update failed"
        CI_APT_UPDATED=1
    fi
    $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null ||
        ci_die "apt-get install $* failed"
}

ci_ensure_chromium() {
    # Odoo 18's HttpCase looks for google-chrome/chromium on PATH.
    local b
    for b in chromium google-chrome chromium-browser google-chrome-stable; do
        command -v "$b" >/dev/null 2>&1 && return 0
    done
    ci_apt_install chromium
    command -v chromium >/dev/null 2>&1 || ci_die "chromium is still not on PATH after apt-get install"
}

ci_ensure_wkhtmltopdf() {
    # Odoo renders QWeb PDF reports with wkhtmltopdf; CJK fonts for Chinese text.
    local pkgs=()
    command -v wkhtmltopdf >/dev/null 2>&1 || pkgs+=(wkhtmltopdf)
    if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh 2>/dev/null | head -n1)" ]; then
        pkgs+=(fonts-noto-cjk)
    fi
    [ ${#pkgs[@]} -eq 0 ] || ci_apt_install "${pkgs[@]}"
}

# ---------------------------------------------------------------------------
# Python tooling
# ---------------------------------------------------------------------------
ci_ensure_dev_tools() {
    # Install requirements-dev.txt when a pinned tool is missing or differs.
    local req=$CI_REPO_ROOT/requirements-dev.txt
    if ! "$PYTHON" - "$req" <<'EOF'; then
import re, sys
from importlib.metadata import PackageNotFoundError, version

ok = True
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"\s*([A-Za-z0-9_.-]+)\s*==\s*([^\s;#]+)", line)
    if not m:
        continue
    try:
        ok = ok and version(m.group(1)) == m.group(2)
    except PackageNotFoundError:
        ok = False
sys.exit(0 if ok else 1)
EOF
        ci_log "pip install -r requirements-dev.txt"
        "$PYTHON" -m pip install -q -r "$req" || ci_die "pip install -r requirements-dev.txt failed"
    fi
}

# ---------------------------------------------------------------------------
# Odoo 18
# ---------------------------------------------------------------------------
ci_odoo_howto() {
    cat >&2 <<EOF

Odoo 18.0 is not importable by '$PYTHON' and could not be installed from
ODOO_SOURCE=$ODOO_SOURCE.
Install Odoo 18 in one of these ways, then retry:
  * make '$PYTHON -c "import odoo"' work with Odoo 18.0 (for example a
    source checkout of the 18.0 branch on PYTHONPATH, its requirements.txt
    installed with pip, or pip install of the Odoo 18.0 source archive);
  * set ODOO_SOURCE to the official 18.0 source archive (a URL or a local
    odoo_18.0.*.tar.gz) or to an unpacked Odoo 18.0 source directory;
    make run / make test then install its requirements and use it
    (archives are unpacked into $CXZY_ODOO_DIR);
  * or run the project with the official Docker image odoo:18.0:
    see docker/README.md (docker compose -f docker/docker-compose.yml up).
EOF
}

ci_odoo_ok() {
    # ci_odoo_ok [ROOT]: is Odoo 18 importable (with ROOT first on PYTHONPATH)?
    local pp=${PYTHONPATH:-}
    [ -z "${1:-}" ] || pp=$1${pp:+:$pp}
    PYTHONPATH=$pp "$PYTHON" -c '
import sys
import odoo, odoo.cli, odoo.service.server  # noqa: F401
sys.exit(0 if odoo.release.version_info[0] == 18 else 3)' >/dev/null 2>&1
}

ci_odoo_requirements() {
    # ci_odoo_requirements ROOT: pip-install Odoo's requirements.txt, taking
    # the pins Odoo gives for Python 3.12 (they have wheels for 3.11 too).
    local root=$1 req filtered
    req=$root/requirements.txt
    if [ ! -f "$req" ]; then
        ci_warn "no requirements.txt in $root: not installing Odoo's Python dependencies"
        return 0
    fi
    filtered=$(mktemp "${TMPDIR:-/tmp}/cxzy-odoo-req.XXXXXX")
    "$PYTHON" - "$req" >"$filtered" <<'EOF'
import sys

try:
    from packaging.requirements import Requirement
except ImportError:  # pip always vendors packaging
    from pip._vendor.packaging.requirements import Requirement

env = {"python_version": "3.12", "python_full_version": "3.12.0"}
# python-ldap only serves auth_ldap and needs LDAP headers to build.
skip = {"python-ldap", "pypiwin32"}
for raw in open(sys.argv[1], encoding="utf-8"):
    line = raw.split(" #", 1)[0].strip()
    if not line or line.startswith("#"):
        continue
    req = Requirement(line)
    if req.name.lower() in skip:
        continue
    if req.marker is None or req.marker.evaluate(env):
        print(f"{req.name}{req.specifier}")
EOF
    if ! "$PYTHON" -c 'import psycopg2' 2>/dev/null && ! command -v pg_config >/dev/null 2>&1; then
        ci_apt_install libpq-dev # psycopg2 builds from source
    fi
    ci_log "pip install Odoo requirements (Python 3.12 pins): $(tr '\n' ' ' <"$filtered")"
    if ! "$PYTHON" -m pip install -q -r "$filtered"; then
        rm -f "$filtered"
        return 1
    fi
    rm -f "$filtered"
}

ci_odoo_fetch_archive() {
    # ci_odoo_fetch_archive SRC DEST: unpack the archive SRC (URL or file) in DEST.
    local src=$1 dest=$2 archive tmp
    mkdir -p "$CXZY_CACHE_DIR"
    if [ -f "$src" ]; then
        archive=$src
    elif [[ "$src" != *://* ]]; then
        ci_warn "ODOO_SOURCE=$src: no such file or directory"
        return 1
    else
        archive=$CXZY_CACHE_DIR/$(basename "${src%%\?*}")
        ci_log "downloading $src"
        if command -v curl >/dev/null 2>&1; then
            local progress=-sS
            [ ! -t 2 ] || progress=--progress-bar
            curl -fL $progress --retry 2 --connect-timeout 30 --max-time 1200 \
                -o "$archive.part" "$src" || return 1
        else
            "$PYTHON" -c 'import sys, urllib.request; urllib.request.urlretrieve(sys.argv[1], sys.argv[2])' \
                "$src" "$archive.part" || return 1
        fi
        mv "$archive.part" "$archive"
    fi
    tmp=$dest.tmp.$$
    rm -rf "$tmp"
    mkdir -p "$tmp"
    ci_log "unpacking $archive into $dest"
    tar -xf "$archive" -C "$tmp" || {
        rm -rf "$tmp"
        return 1
    }
    # The archive holds one top directory (odoo-18.0.postYYYYMMDD/).
    local top
    top=$(find "$tmp" -mindepth 1 -maxdepth 3 -type f -path '*/odoo/release.py' | head -n1)
    [ -n "$top" ] || {
        rm -rf "$tmp"
        ci_warn "$archive holds no odoo/release.py"
        return 1
    }
    top=$(dirname "$(dirname "$top")")
    rm -rf "$dest"
    mv "$top" "$dest"
    rm -rf "$tmp"
}

ci_ensure_odoo() {
    # Sets ODOO_ROOT (directory holding the odoo package) and ODOO_ADDONS_PATH
    # (Odoo's own addons), and exports PYTHONPATH when Odoo comes from source.
    if ci_odoo_ok; then
        ODOO_ROOT=$("$PYTHON" -c 'import os, odoo; print(os.path.dirname(os.path.dirname(os.path.abspath(odoo.__file__))))')
    else
        local root
        if [ -d "$ODOO_SOURCE" ]; then
            root=$(cd "$ODOO_SOURCE" && pwd)
            ci_log "Odoo is not importable: using the Odoo source directory $root"
            ci_odoo_ok "$root" || ci_odoo_requirements "$root" || {
                ci_odoo_howto
                ci_die "installing the requirements of $root failed"
            }
        else
            root=$CXZY_ODOO_DIR
            if [ ! -f "$root/.cxzy-ready" ] || [ "$(cat "$root/.cxzy-ready")" != "$ODOO_SOURCE" ]; then
                ci_log "Odoo is not importable: installing Odoo 18.0 from $ODOO_SOURCE"
                rm -f "$root/.cxzy-ready"
                if ! ci_odoo_fetch_archive "$ODOO_SOURCE" "$root" || ! ci_odoo_requirements "$root"; then
                    ci_odoo_howto
                    ci_die "could not install Odoo 18.0 from $ODOO_SOURCE"
                fi
            fi
        fi
        if ! ci_odoo_ok "$root"; then
            PYTHONPATH=$root${PYTHONPATH:+:$PYTHONPATH} "$PYTHON" -c 'import odoo.cli, odoo.service.server' 2>&1 |
                tail -n 5 >&2 || true
            ci_odoo_howto
            ci_die "Odoo 18.0 from $root does not import (see above)"
        fi
        [ -d "$ODOO_SOURCE" ] || printf '%s' "$ODOO_SOURCE" >"$root/.cxzy-ready"
        ODOO_ROOT=$root
        export PYTHONPATH=$root${PYTHONPATH:+:$PYTHONPATH}
    fi
    # A git checkout keeps most addons in ./addons, a source archive in odoo/addons.
    ODOO_ADDONS_PATH=$ODOO_ROOT/odoo/addons
    [ ! -d "$ODOO_ROOT/addons" ] || ODOO_ADDONS_PATH=$ODOO_ROOT/addons,$ODOO_ADDONS_PATH
    ci_log "Odoo $("$PYTHON" -c 'import odoo; print(odoo.release.version)') from $ODOO_ROOT"
}

ci_odoo() {
    # ci_odoo ARGS...: run the Odoo server command (python3 -m odoo).
    "$PYTHON" -m odoo "$@"
}

ci_write_odoo_conf() {
    # ci_write_odoo_conf FILE DATA_DIR [KEY=VALUE...]: write an Odoo config.
    local file=$1 data_dir=$2
    shift 2
    mkdir -p "$(dirname "$file")" "$data_dir"
    {
        echo "[options]"
        echo "db_host = ${CI_DB_HOST:-False}"
        echo "db_port = ${CI_DB_PORT:-False}"
        echo "db_user = $CI_DB_USER"
        echo "db_password = ${CI_DB_PASSWORD:-False}"
        echo "addons_path = $ODOO_ADDONS_PATH,$CXZY_ADDONS_DIR"
        echo "data_dir = $data_dir"
        echo "without_demo = False"
        local kv
        for kv in "$@"; do
            echo "${kv%%=*} = ${kv#*=}"
        done
    } >"$file"
}

# ---------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------
CI_PG_STARTED=

ci_pg_bindir() {
    local d
    if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v pg_ctl)")"
        return 0
    fi
    d=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -type d -name bin 2>/dev/null | sort -V | tail -n1)
    [ -n "$d" ] && [ -x "$d/initdb" ] && echo "$d"
}

ci_pg_as_owner() {
    # Run a server command as the cluster owner (postgres when we are root).
    if ci_is_root; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

ci_free_port() {
    "$PYTHON" -c '
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

ci_pg_setup() {
    # Use the configured server (ODOO_DB_* or PG* variables) or start a
    # private cluster.  Sets CI_DB_HOST/PORT/USER/PASSWORD and exports PG*
    # for psql, createdb, dropdb and the tests.
    if [ -n "${ODOO_DB_HOST:-}${ODOO_DB_PORT:-}${ODOO_DB_USER:-}${PGHOST:-}${PGPORT:-}${PGUSER:-}" ]; then
        CI_DB_HOST=${ODOO_DB_HOST:-${PGHOST:-}}
        CI_DB_PORT=${ODOO_DB_PORT:-${PGPORT:-5432}}
        CI_DB_USER=${ODOO_DB_USER:-${PGUSER:-odoo}}
        CI_DB_PASSWORD=${ODOO_DB_PASSWORD:-${PGPASSWORD:-}}
        ci_log "using the configured PostgreSQL server ${CI_DB_HOST:-(local socket)}:$CI_DB_PORT as $CI_DB_USER"
    else
        ci_pg_private
    fi
    export PGHOST=$CI_DB_HOST PGPORT=$CI_DB_PORT PGUSER=$CI_DB_USER
    [ -z "$CI_DB_PASSWORD" ] || export PGPASSWORD=$CI_DB_PASSWORD
    [ -n "$PGHOST" ] || unset PGHOST
    command -v psql >/dev/null 2>&1 || ci_apt_install postgresql-client
    psql -d postgres -Atqc 'select 1' >/dev/null ||
        ci_die "cannot connect to PostgreSQL ${PGHOST:-(local socket)}:$PGPORT as $PGUSER"
}

ci_pg_private() {
    local bindir data run port
    bindir=$(ci_pg_bindir || true)
    if [ -z "$bindir" ]; then
        ci_apt_install postgresql
        bindir=$(ci_pg_bindir) || ci_die "PostgreSQL server binaries not found"
    fi
    if ci_is_root && ! id postgres >/dev/null 2>&1; then
        ci_die "running as root needs a 'postgres' system user to own the private PostgreSQL cluster (or set PGHOST/PGPORT/PGUSER to a running server)"
    fi
    data=$CXZY_PG_DIR/data
    run=$CXZY_PG_DIR/run
    mkdir -p "$CXZY_PG_DIR"
    chmod 700 "$CXZY_PG_DIR"
    ! ci_is_root || chown postgres: "$CXZY_PG_DIR"
    if [ ! -f "$data/PG_VERSION" ]; then
        ci_log "initdb $data"
        ci_pg_as_owner "$bindir/initdb" -D "$data" -U postgres --auth=trust \
            -E UTF8 --locale=C.UTF-8 >"$CXZY_PG_DIR/initdb.log" 2>&1 ||
            { cat "$CXZY_PG_DIR/initdb.log" >&2; ci_die "initdb failed"; }
    fi
    ci_pg_as_owner mkdir -p "$run"
    if ci_pg_as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        port=$(sed -n 4p "$data/postmaster.pid")
        ci_log "reusing the private PostgreSQL cluster in $CXZY_PG_DIR (port $port)"
    else
        port=$(ci_free_port)
        ci_log "starting a private PostgreSQL cluster in $CXZY_PG_DIR (port $port)"
        ci_pg_as_owner "$bindir/pg_ctl" -D "$data" -l "$CXZY_PG_DIR/postgres.log" -w -t 60 \
            -o "-p $port -k $run -c listen_addresses=127.0.0.1 -c synchronous_commit=off -c max_connections=200" \
            start >/dev/null ||
            { tail -n 30 "$CXZY_PG_DIR/postgres.log" >&2; ci_die "could not start PostgreSQL (log: $CXZY_PG_DIR/postgres.log)"; }
        CI_PG_STARTED=1
    fi
    CI_PG_BINDIR=$bindir
    CI_DB_HOST=$run
    CI_DB_PORT=$port
    CI_DB_USER=odoo
    CI_DB_PASSWORD=
    # Odoo refuses to connect as `postgres`: give it its own superuser role.
    psql -h "$run" -p "$port" -U postgres -d postgres -qAt -v ON_ERROR_STOP=1 -c \
        "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'odoo') THEN CREATE ROLE odoo LOGIN SUPERUSER CREATEDB; END IF; END\$\$;" \
        >/dev/null || ci_die "could not create the PostgreSQL role odoo"
}

ci_pg_stop() {
    # Stop the private cluster if this script started it (ci_pg_stop [quiet]).
    if [ -n "$CI_PG_STARTED" ]; then
        [ "${1:-}" = quiet ] || ci_log "stopping the private PostgreSQL cluster"
        ci_pg_as_owner "$CI_PG_BINDIR/pg_ctl" -D "$CXZY_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
        CI_PG_STARTED=
    fi
}

ci_db_exists() {
    [ "$(psql -d postgres -Atqc "SELECT 1 FROM pg_database WHERE datname = '$1'")" = 1 ]
}

ci_db_drop() {
    # Drop a database and its filestore (ci_db_drop DB DATA_DIR).
    psql -d postgres -qc "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null 2>&1 ||
        ci_warn "could not drop database $1"
    [ -z "${2:-}" ] || rm -rf "$2/filestore/$1"
}

ci_check_odoo_log() {
    # ci_check_odoo_log LOGFILE: fail on ERROR/CRITICAL lines in an Odoo log.
    local bad
    bad=$(grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$1" || true)
    if [ -n "$bad" ]; then
        printf '%s\n' "$bad" | head -n 40 >&2
        return 1
    fi
}
