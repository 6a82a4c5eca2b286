#!/bin/sh
# Runs once, as the superuser, when the postgres service initialises its data directory
# (/docker-entrypoint-initdb.d). The superuser does nothing else: the migrate service connects as the owner
# of the tables, the apps as a login that is only a member of arbiter_app (README "Database roles").
set -eu
: "${ARBITER_DB_OWNER_PASSWORD:?set ARBITER_DB_OWNER_PASSWORD}"
: "${ARBITER_DB_APP_PASSWORD:?set ARBITER_DB_APP_PASSWORD}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="$ARBITER_DB_OWNER_PASSWORD" -v app_password="$ARBITER_DB_APP_PASSWORD" <<'SQL'
-- Owns the database and every table; runs the migrations. Not a superuser, creates no roles.
CREATE ROLE arbiter_owner LOGIN PASSWORD :'owner_password';
-- The role the migrations grant the apps' privileges to (APP_DATABASE_ROLE in libs/database).
CREATE ROLE arbiter_app NOLOGIN;
-- The apps' login: those privileges and nothing more.
CREATE ROLE arbiter_app_login LOGIN PASSWORD :'app_password' IN ROLE arbiter_app;
CREATE DATABASE arbiter OWNER arbiter_owner;
REVOKE ALL ON DATABASE arbiter FROM PUBLIC;
GRANT CONNECT ON DATABASE arbiter TO arbiter_app;
SQL
