#!/bin/sh
# First start of the postgres container only: HuRen's and Keycloak's roles and databases, each owning its own.
# HuRen's Flyway migrations create its schema at its first start.
set -eu
psql -v ON_ERROR_STOP=1 --username postgres \
  -v huren_password="$HUREN_DB_PASSWORD" -v keycloak_password="$KEYCLOAK_DB_PASSWORD" <<'SQL'
CREATE ROLE huren LOGIN PASSWORD :'huren_password';
CREATE DATABASE huren OWNER huren;
CREATE ROLE keycloak LOGIN PASSWORD :'keycloak_password';
CREATE DATABASE keycloak OWNER keycloak;
SQL
