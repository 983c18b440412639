#!/bin/bash
# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
#
# The streaming replica: on its first start (empty volume), a base backup of
# the primary with `pg_basebackup -R` (standby.signal and primary_conninfo
# written for us) through a replication slot; then the postgres image's own
# entrypoint starts it as a hot standby.
set -euo pipefail
export PGPASSWORD=$REPLICATION_PASSWORD
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    until pg_isready -q -h "$PRIMARY_HOST" -d postgres; do sleep 2; done
    mkdir -p "$PGDATA" && chown postgres: "$PGDATA" && chmod 700 "$PGDATA"
    slot=$(psql -h "$PRIMARY_HOST" -U "$REPLICATION_USER" -d postgres -tAc \
        "SELECT 1 FROM pg_replication_slots WHERE slot_name = '$REPLICATION_SLOT'")
    create=--create-slot
    [ "$slot" != 1 ] || create=
    gosu postgres pg_basebackup -h "$PRIMARY_HOST" -U "$REPLICATION_USER" \
        -D "$PGDATA" -X stream -R $create --slot="$REPLICATION_SLOT" --progress
fi
unset PGPASSWORD
exec docker-entrypoint.sh "$@"
