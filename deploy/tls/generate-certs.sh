#!/bin/sh
# Test-grade certificates for mTLS between the app, the Web UI, the admin jobs and the Temporal frontend:
# one private CA; a server certificate for the frontend (and between Temporal's own services) named
# `temporal` (the compose service), `localhost` and 127.0.0.1; one client certificate per consumer.
# In production, take certificates from your own CA instead and mount them at the same paths.
# Usage: deploy/tls/generate-certs.sh [out-dir]   (default: deploy/tls/certs; existing files are kept)
set -eu
OUT=${1:-$(dirname "$0")/certs}
DAYS=${CERT_DAYS:-825}
mkdir -p "$OUT"
cd "$OUT"
[ -f ca.pem ] && { echo "certificates exist in $OUT; remove them to make new ones" >&2; exit 0; }

openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days "$DAYS" -subj '/O=petitionflow/CN=petitionflow test CA' \
  -keyout ca.key -out ca.pem 2>/dev/null

issue() { # name, subject CN, extensions
  printf '%s\n' "$3" > "$1.ext"
  openssl req -newkey rsa:2048 -nodes -sha256 -subj "/O=petitionflow/CN=$2" -keyout "$1.key" -out "$1.csr" 2>/dev/null
  openssl x509 -req -sha256 -days "$DAYS" -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial \
    -extfile "$1.ext" -out "$1.pem" 2>/dev/null
  rm -f "$1.csr" "$1.ext"
}
issue server temporal 'subjectAltName=DNS:temporal,DNS:localhost,IP:127.0.0.1
extendedKeyUsage=serverAuth,clientAuth'
for client in app ui admin; do
  issue "$client" "petitionflow-$client" 'extendedKeyUsage=clientAuth'
done
rm -f ca.srl
# Readable by the containers' unprivileged users; keep the directory itself private on the host.
chmod 644 ./*.pem ./*.key
echo "certificates written to $OUT: ca.pem, server.pem/key, app.pem/key, ui.pem/key, admin.pem/key"
