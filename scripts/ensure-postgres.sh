#!/usr/bin/env bash
# Make sure a PostgreSQL server listens on 127.0.0.1:5432 with the test role `jiazhou`.
# Used by `make test` and `.ci/run`; installs Debian's postgresql when it is missing.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /etc/postgresql | sort -n | tail -n 1)
pg_ctlcluster "$version" main status >/dev/null 2>&1 || pg_ctlcluster "$version" main start
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'jiazhou') THEN
    CREATE ROLE jiazhou LOGIN PASSWORD 'jiazhou' CREATEDB;
  END IF;
END $$;
SQL
runuser -u postgres -- psql -tAc "SELECT 1 FROM pg_database WHERE datname='jiazhou'" | grep -q 1 \
  || runuser -u postgres -- createdb -O jiazhou jiazhou
