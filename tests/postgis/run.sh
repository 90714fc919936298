#!/usr/bin/env bash
# PostGIS, for real (issue 12): starts a temporary PostgreSQL 15 + PostGIS cluster, creates tables, and runs the
# PostGIS tests of geo_tests (tests/geo/test_postgis.cpp), which read them through GDAL's PG: driver.
#   tests/postgis/run.sh path/to/geo_tests
# The cluster lives in a temporary folder on a free TCP port of 127.0.0.1 (password login: scram-sha-256) and is
# stopped and removed afterwards, also when a step fails. Run as root (CI), the server runs as the `postgres` user
# (PostgreSQL refuses to run as root); otherwise as the calling user. Exit 77 (ctest: skipped) when PostgreSQL or
# PostGIS is not installed (scripts/setup installs both).
set -euo pipefail
GEO_TESTS=${1:?usage: tests/postgis/run.sh path/to/geo_tests}
PGBIN=/usr/lib/postgresql/15/bin
if [ ! -x "$PGBIN/initdb" ] || [ ! -f /usr/share/postgresql/15/extension/postgis.control ]; then
  echo "postgis test: PostgreSQL 15 / PostGIS not installed (apt-get install postgresql postgis postgresql-15-postgis-3); skipped"
  exit 77
fi
DIR=$(mktemp -d /tmp/trekkaart-pg-XXXXXX)
chmod 755 "$DIR"
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$DIR"
cleanup() {
  as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT
# A free port: the kernel picks one, the server takes it right after (a race with another process is unlikely
# and would make the start fail loudly, not the test pass wrongly).
PORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
echo "geheim" > "$DIR/pw"
[ "$(id -u)" -eq 0 ] && chown postgres "$DIR/pw"
as_pg "$PGBIN/initdb" -D "$DIR/data" -U postgres --pwfile="$DIR/pw" --auth-local=trust --auth-host=scram-sha-256 \
  -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log"; exit 1; }
as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -w -t 60 -l "$DIR/server.log" \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null \
  || { cat "$DIR/server.log"; exit 1; }
psql() { as_pg /usr/bin/psql -X -q -v ON_ERROR_STOP=1 -h "$DIR" -p "$PORT" -U postgres "$@"; }
psql -d postgres -c "CREATE ROLE planner LOGIN PASSWORD 'geheim'" -c "CREATE DATABASE trek OWNER planner"
psql -d trek <<'SQL'
CREATE EXTENSION postgis;
SET ROLE planner;
-- Enschede station (NWB-Spoorwegen: RD 257619, 471544), stored in WGS84 as the NWB file has it.
CREATE TABLE scholen (id serial PRIMARY KEY, naam text, soort text, leerlingen integer,
                      geom geometry(Point, 4326));
INSERT INTO scholen (naam, soort, leerlingen, geom) VALUES
  ('Enschede', 'intercity', 250, ST_SetSRID(ST_MakePoint(6.88907038579159, 52.2224117972197), 4326)),
  ('Hengelo', 'basisschool', NULL, ST_SetSRID(ST_MakePoint(6.7931, 52.2658), 4326));
-- A 1 km square in RD with a 200 m hole: stays as it is.
CREATE TABLE wijken (id serial PRIMARY KEY, wijk text, geom geometry(Polygon, 28992));
INSERT INTO wijken (wijk, geom) VALUES ('Centrum', ST_GeomFromText(
  'POLYGON((257000 471000,258000 471000,258000 472000,257000 472000,257000 471000),
            (257400 471400,257600 471400,257600 471600,257400 471600,257400 471400))', 28992));
-- No SRID: refused with how to set one.
CREATE TABLE zonder_crs (id serial PRIMARY KEY, geom geometry(Point));
INSERT INTO zonder_crs (geom) VALUES (ST_MakePoint(257619, 471544));
SQL
export TREKKAART_TEST_PG="host=127.0.0.1 port=$PORT dbname=trek user=planner"
export TREKKAART_TEST_PG_PASSWORD=geheim
"$GEO_TESTS" --gtest_filter='PostGIS.*' --gtest_brief=0 2>&1 | tee "$DIR/gtest.log"
status=${PIPESTATUS[0]}
if grep -q "SKIPPED" "$DIR/gtest.log"; then echo "postgis test: a test skipped although the server runs"; exit 1; fi
if ! grep -q "PASSED  \] 3 tests" "$DIR/gtest.log"; then echo "postgis test: expected 3 PostGIS tests to pass"; exit 1; fi
exit "$status"
