#!/usr/bin/env bash
# Once, before `docker compose up` / `podman-compose up`: a private CA and a TLS certificate for HUREN_HOST
# (certs/), a truststore with that CA for the HuRen nodes (they check Keycloak's certificate), and .env with
# generated passwords. A hospital replaces certs/server.crt and server.key with its own CA's and puts that CA in
# the truststore. Needs openssl and keytool (any JRE).
#   HUREN_HOST=huren.hospital.example ./setup.sh
set -euo pipefail
cd "$(dirname "$0")"
host="${HUREN_HOST:-huren.local}"
mkdir -p certs
if [ ! -f certs/server.crt ]; then
  openssl req -x509 -newkey rsa:3072 -nodes -days 3650 -subj "/CN=HuRen compose CA" \
    -keyout certs/ca.key -out certs/ca.crt 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=$host" -keyout certs/server.key -out certs/server.csr 2>/dev/null
  printf 'subjectAltName=DNS:%s\nextendedKeyUsage=serverAuth\n' "$host" > certs/server.ext
  openssl x509 -req -in certs/server.csr -CA certs/ca.crt -CAkey certs/ca.key -CAcreateserial -days 825 \
    -extfile certs/server.ext -out certs/server.crt 2>/dev/null
  rm certs/server.csr certs/server.ext
  # nginx's workers read the key; the containers' users are not root
  chmod 644 certs/server.key
fi
random() { openssl rand -hex 24; }
if [ ! -f .env ]; then
  truststore_password="$(random)"
  cat > .env <<ENV
HUREN_HOST=$host
HUREN_IMAGE=huren:0.1.0-SNAPSHOT
NGINX_IMAGE=nginx:1.27
KEYCLOAK_IMAGE=quay.io/keycloak/keycloak:26.5.6
POSTGRES_IMAGE=postgres:17
POSTGRES_PASSWORD=$(random)
HUREN_DB_PASSWORD=$(random)
KEYCLOAK_DB_PASSWORD=$(random)
KEYCLOAK_ADMIN_PASSWORD=$(random)
HUREN_TRUSTSTORE_PASSWORD=$truststore_password
ENV
  chmod 600 .env
  rm -f certs/truststore.p12
fi
if [ ! -f certs/truststore.p12 ]; then
  # shellcheck disable=SC1091
  . ./.env
  keytool -importcert -noprompt -alias huren-compose-ca -file certs/ca.crt -storetype PKCS12 \
    -keystore certs/truststore.p12 -storepass "$HUREN_TRUSTSTORE_PASSWORD" >/dev/null 2>&1
  chmod 644 certs/truststore.p12
fi
echo "certs/ and .env ready for https://$host (trust certs/ca.crt in your clients, or curl --cacert certs/ca.crt)"
