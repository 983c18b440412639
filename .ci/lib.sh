# shellcheck shell=bash
# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
#
# Provisioning shared by .ci/serve (make run) and .ci/test (make test): Odoo
# 18 with the addons' requirements.txt, PostgreSQL, Chromium, wkhtmltopdf and
# the pinned tools.  Source it.

set -euo pipefail

CI_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=${PYTHON:-python3}
CXZY_CACHE_DIR=${CXZY_CACHE_DIR:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/cxzy}
CXZY_ADDONS=${CXZY_ADDONS:-cxzy_campaign,cxzy_evaluation}
ODOO_SOURCE=${ODOO_SOURCE:-https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz}
# Outside the repository, and reachable by `postgres` when we are root.
CXZY_PG_DIR=${CXZY_PG_DIR:-${TMPDIR:-/tmp}/cxzy-pg-$(id -u)}
export PIP_ROOT_USER_ACTION=ignore PIP_DISABLE_PIP_VERSION_CHECK=1 DEBIAN_FRONTEND=noninteractive

ci_log() { printf '[cxzy %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
ci_die() {
    printf '\n[cxzy] ERROR: %s\n' "$*" >&2
    exit 1
}
ci_root() { [ "$(id -u)" = 0 ]; }
ci_as_postgres() { if ci_root; then runuser -u postgres -- "$@"; else "$@"; fi; }

ci_apt() {
    # ci_apt PACKAGE...: install Debian packages (root or passwordless sudo).
    local sudo=
    ci_root || { sudo -n true 2>/dev/null && sudo="sudo -n"; } ||
        ci_die "missing system packages: $* (install them, e.g. sudo apt-get install $*)"
    ci_log "apt-get install $*"
    $sudo apt-get update -qq >/dev/null && $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null ||
        ci_die "apt-get install $* failed"
}

ci_ensure_browser_and_pdf() {
    # Chromium for HttpCase tours; wkhtmltopdf and CJK fonts for PDF reports.
    local pkgs=()
    command -v chromium >/dev/null || command -v google-chrome >/dev/null || pkgs+=(chromium)
    command -v wkhtmltopdf >/dev/null || pkgs+=(wkhtmltopdf)
    [ -n "$(fc-list :lang=zh 2>/dev/null | head -n1)" ] || pkgs+=(fonts-noto-cjk)
    [ ${#pkgs[@]} = 0 ] || ci_apt "${pkgs[@]}"
}

ci_ensure_requirements() {
    # The addons' runtime Python requirements (requirements.txt: docxtpl for
    # the Word documents), beside Odoo's own.
    "$PYTHON" -m pip install -q -r "$CI_ROOT/requirements.txt" || ci_die "pip install -r requirements.txt failed"
}

ci_ensure_dev_tools() {
    "$PYTHON" -m pip install -q -r "$CI_ROOT/requirements-dev.txt" || ci_die "pip install -r requirements-dev.txt failed"
}

ci_odoo_ok() { PYTHONPATH=${1:+$1:}${PYTHONPATH:-} "$PYTHON" -c 'import odoo.cli, sys; sys.exit(odoo.release.version_info[0] != 18)' 2>/dev/null; }

ci_ensure_odoo() {
    # Odoo 18 as installed, else from ODOO_SOURCE (an unpacked source directory,
    # or a source archive unpacked into the cache), with its requirements.
    local root=$CXZY_CACHE_DIR/odoo-18.0 archive
    if ! ci_odoo_ok; then
        if [ -d "$ODOO_SOURCE" ]; then
            root=$(cd "$ODOO_SOURCE" && pwd)
        elif [ "$(cat "$root/.cxzy-ready" 2>/dev/null)" != "$ODOO_SOURCE" ]; then
            ci_log "Odoo 18 is not importable: installing it from $ODOO_SOURCE"
            archive=$ODOO_SOURCE
            if [[ $ODOO_SOURCE == *://* ]]; then
                archive=$CXZY_CACHE_DIR/odoo-18.0.tar.gz
                mkdir -p "$CXZY_CACHE_DIR"
                curl -fsSL --retry 2 -o "$archive" "$ODOO_SOURCE" || ci_die "cannot download $ODOO_SOURCE"
            fi
            rm -rf "$root" && mkdir -p "$root"
            tar -xf "$archive" -C "$root" --strip-components=1 || ci_die "cannot unpack $archive"
        fi
        if ! ci_odoo_ok "$root"; then
            [ -f "$root/requirements.txt" ] || ci_die "no Odoo 18 source in $root"
            # Odoo's pins for Python 3.12 have wheels for 3.11 too.
            "$PYTHON" -c '
import sys
from packaging.requirements import Requirement
for line in open(sys.argv[1]):
    line = line.split(" #")[0].strip()
    if line and not line.startswith("#"):
        r = Requirement(line)
        if r.name not in ("python-ldap", "pypiwin32") and (not r.marker or r.marker.evaluate({"python_version": "3.12"})):
            print(f"{r.name}{r.specifier}")' "$root/requirements.txt" >"$CXZY_CACHE_DIR/odoo-req.txt"
            "$PYTHON" -m pip install -q -r "$CXZY_CACHE_DIR/odoo-req.txt" || ci_die "installing Odoo's requirements failed"
        fi
        ci_odoo_ok "$root" || ci_die "Odoo 18 is not importable by $PYTHON and $ODOO_SOURCE gave none:
  make '$PYTHON -c \"import odoo\"' work, set ODOO_SOURCE to an Odoo 18.0 source archive or
  directory, or use the official image (docker/README.md)"
        [ -d "$ODOO_SOURCE" ] || printf '%s' "$ODOO_SOURCE" >"$root/.cxzy-ready"
        export PYTHONPATH=$root${PYTHONPATH:+:$PYTHONPATH}
    fi
    root=$("$PYTHON" -c 'import odoo, os; print(os.path.dirname(os.path.dirname(odoo.__file__)))')
    ODOO_ADDONS_PATH=$root/odoo/addons
    [ ! -d "$root/addons" ] || ODOO_ADDONS_PATH=$root/addons,$ODOO_ADDONS_PATH
    ci_log "Odoo $("$PYTHON" -c 'import odoo; print(odoo.release.version)') from $root"
    ci_ensure_requirements
}

ci_pg_setup() {
    # The server of ODOO_DB_*/PG* when set, else a private cluster (stopped by
    # ci_pg_stop if we started it).  Exports PG* for psql and the tests.
    CI_PG_STARTED=
    if [ -n "${ODOO_DB_HOST:-}${ODOO_DB_PORT:-}${ODOO_DB_USER:-}${PGHOST:-}${PGPORT:-}${PGUSER:-}" ]; then
        export PGHOST=${ODOO_DB_HOST:-${PGHOST:-}} PGPORT=${ODOO_DB_PORT:-${PGPORT:-5432}}
        export PGUSER=${ODOO_DB_USER:-${PGUSER:-odoo}} PGPASSWORD=${ODOO_DB_PASSWORD:-${PGPASSWORD:-}}
    else
        local bin data=$CXZY_PG_DIR/data port
        bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n1)")
        [ -x "$bin/initdb" ] || { ci_apt postgresql && bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n1)"); }
        mkdir -p "$CXZY_PG_DIR/run" && chmod 700 "$CXZY_PG_DIR"
        ! ci_root || chown -R postgres: "$CXZY_PG_DIR"
        [ -f "$data/PG_VERSION" ] || ci_as_postgres "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 \
            --locale=C.UTF-8 >/dev/null || ci_die "initdb $data failed"
        if ci_as_postgres "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
            port=$(sed -n 4p "$data/postmaster.pid")
        else
            port=$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
            ci_log "starting a private PostgreSQL cluster in $CXZY_PG_DIR (port $port)"
            ci_as_postgres "$bin/pg_ctl" -D "$data" -l "$CXZY_PG_DIR/postgres.log" -w -t 60 -o \
                "-p $port -k $CXZY_PG_DIR/run -c listen_addresses=127.0.0.1 -c max_connections=200 -c synchronous_commit=off" \
                start >/dev/null || ci_die "PostgreSQL did not start (log: $CXZY_PG_DIR/postgres.log)"
            CI_PG_STARTED="$bin/pg_ctl -D $data"
        fi
        export PGHOST=$CXZY_PG_DIR/run PGPORT=$port PGUSER=odoo PGPASSWORD=
        # Odoo refuses to connect as `postgres`: its own superuser role.
        psql -U postgres -d postgres -qAt -c "SELECT 1 FROM pg_roles WHERE rolname = 'odoo'" | grep -q 1 ||
            psql -U postgres -d postgres -qc "CREATE ROLE odoo LOGIN SUPERUSER" || ci_die "cannot create role odoo"
    fi
    psql -d postgres -Atqc 'SELECT 1' >/dev/null || ci_die "cannot connect to PostgreSQL ${PGHOST:-}:$PGPORT as $PGUSER"
}

ci_pg_stop() {
    # shellcheck disable=SC2086
    [ -z "${CI_PG_STARTED:-}" ] || ci_as_postgres $CI_PG_STARTED -m fast -w stop >/dev/null 2>&1 || true
    CI_PG_STARTED=
}

ci_write_odoo_conf() {
    # ci_write_odoo_conf FILE DATA_DIR [KEY=VALUE...]
    local file=$1 data_dir=$2 kv
    shift 2
    mkdir -p "$(dirname "$file")" "$data_dir"
    {
        echo "[options]"
        echo "db_host = ${PGHOST:-False}"
        echo "db_port = $PGPORT"
        echo "db_user = $PGUSER"
        echo "db_password = ${PGPASSWORD:-False}"
        echo "addons_path = $ODOO_ADDONS_PATH,$CI_ROOT"
        echo "data_dir = $data_dir"
        echo "without_demo = False"
        for kv in "$@"; do echo "${kv%%=*} = ${kv#*=}"; done
    } >"$file"
}
