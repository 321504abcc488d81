#!/usr/bin/env bash
# Back up the FieldSales server database with pg_dump, keeping the last N days.
#   FIELDSALES_SERVER_DB=postgresql+psycopg://user:pw@host:5432/fieldsales \
#   FIELDSALES_BACKUP_DIR=/var/backups/fieldsales FIELDSALES_BACKUP_KEEP_DAYS=14 backup.sh
# Writes <dir>/fieldsales-<UTC timestamp>.dump (pg_dump custom format: compressed, restorable
# table by table with pg_restore) through a .partial file, so a crash never leaves a
# truncated dump that looks complete. Restore:
#   createdb fieldsales_restored && pg_restore --no-owner -d fieldsales_restored FILE.dump
set -euo pipefail
url="${FIELDSALES_SERVER_DB:?set FIELDSALES_SERVER_DB}"
dir="${FIELDSALES_BACKUP_DIR:-/var/backups/fieldsales}"
keep="${FIELDSALES_BACKUP_KEEP_DAYS:-14}"
pg_dump="${PG_DUMP:-pg_dump}"
case "$url" in
  postgresql+psycopg://*|postgresql://*|postgres://*) ;;
  *) echo "error: backups need a PostgreSQL FIELDSALES_SERVER_DB (got '${url%%:*}')" >&2; exit 2;;
esac
# SQLAlchemy spells the driver in the scheme; libpq does not know "+psycopg".
libpq_url="postgresql://${url#*://}"
mkdir -p "$dir"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
target="$dir/fieldsales-$stamp.dump"
"$pg_dump" --format=custom --no-owner --file="$target.partial" "$libpq_url"
mv "$target.partial" "$target"
find "$dir" -maxdepth 1 -name 'fieldsales-*.dump' -mtime +"$keep" -delete
echo "$target"
