#!/bin/sh
# One-shot job (temporalio/admin-tools), run once the server is healthy: creates the namespace if it is
# missing, then registers the custom search attributes passed as NAME=Type arguments (the compose file
# lists them, and a unit test keeps that list equal to PETITION_SEARCH_ATTRIBUTES).
# Safe on every start: an existing namespace is left alone and the server skips attributes that already
# exist; an attribute that exists with another type makes the CLI fail, which keeps the app from starting
# against a namespace that would reject its upserts.
set -eu
: "${TEMPORAL_ADDRESS:?TEMPORAL_ADDRESS is required}" "${TEMPORAL_NAMESPACE:?TEMPORAL_NAMESPACE is required}"
RETENTION=${TEMPORAL_NAMESPACE_RETENTION:-30d}
# mTLS to the frontend, from the same variables the app reads (PEM file paths); none: plain.
tls=''
[ -z "${TEMPORAL_TLS_CERT:-}" ] || tls="$tls --tls-cert-path $TEMPORAL_TLS_CERT --tls-key-path ${TEMPORAL_TLS_KEY:?TEMPORAL_TLS_KEY goes with TEMPORAL_TLS_CERT}"
[ -z "${TEMPORAL_TLS_CA:-}" ] || tls="$tls --tls-ca-path $TEMPORAL_TLS_CA"
[ -z "${TEMPORAL_TLS_SERVER_NAME:-}" ] || tls="$tls --tls-server-name $TEMPORAL_TLS_SERVER_NAME"
# shellcheck disable=SC2086 # $tls holds flags and paths without spaces, split on purpose
temporal() { command temporal "$@" $tls; }
[ "$#" -gt 0 ] || { echo 'usage: setup-namespace.sh NAME=Type...' >&2; exit 64; }

# The frontend answers before every internal service is ready, and a new namespace reaches the
# frontend's cache only after a refresh, so each step is retried for a while instead of failing once.
retry() {
  attempt=1
  until "$@"; do
    if [ "$attempt" -ge 60 ]; then
      echo "giving up after $attempt attempts: $*" >&2
      return 1
    fi
    attempt=$((attempt + 1))
    sleep 2
  done
}

ensure_namespace() {
  temporal operator namespace describe --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE" >/dev/null 2>&1 ||
    temporal operator namespace create --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE" \
      --retention "$RETENTION" --description 'petitionflow petitions'
}

# NAME=Type -> --name NAME --type Type. Names and types are checked against a strict pattern first, so the
# unquoted expansion below cannot split or glob anything.
flags=''
for spec in "$@"; do
  case "$spec" in
    *[!A-Za-z0-9_=]* | =* | *= | *=*=*)
      echo "invalid search attribute spec: '$spec' (expected NAME=Type)" >&2
      exit 64
      ;;
    *=*) flags="$flags --name ${spec%%=*} --type ${spec#*=}" ;;
    *)
      echo "invalid search attribute spec: '$spec' (expected NAME=Type)" >&2
      exit 64
      ;;
  esac
done

retry temporal operator cluster health --address "$TEMPORAL_ADDRESS"
retry ensure_namespace
# shellcheck disable=SC2086 # $flags is word-split on purpose, see above
retry temporal operator search-attribute create --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE" $flags
temporal operator search-attribute list --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE"
echo "Namespace '$TEMPORAL_NAMESPACE' is ready"
