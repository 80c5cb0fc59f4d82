#!/bin/sh
# docker-compose.yml's temporal-namespace service (temporalio/admin-tools): waits for the cluster,
# creates the service's namespace with the retention given, or sets that retention on the
# namespace that exists, then waits until the frontend serves it (search attributes are
# registered next). Any error ends it non-zero, and the deploy stops there.
set -eu

: "${TEMPORAL_ADDRESS:?}" "${TEMPORAL_NAMESPACE:?}" "${TEMPORAL_NAMESPACE_RETENTION:?}"
ATTEMPTS=${TEMPORAL_WAIT_ATTEMPTS:-60}

# Runs a command every 2 s until it succeeds; after ATTEMPTS tries, runs it once more with its
# output shown, and its failure ends the script.
wait_until() {
  what=$1
  shift
  i=1
  while ! "$@" >/dev/null 2>&1; do
    if [ "$i" -ge "$ATTEMPTS" ]; then
      echo "temporal-namespace: still not $what after $ATTEMPTS attempts:" >&2
      "$@"
      return 0
    fi
    i=$((i + 1))
    sleep 2
  done
}

temporal_cli() {
  temporal "$@" --address "$TEMPORAL_ADDRESS"
}

wait_until 'serving' temporal_cli operator cluster health

if temporal_cli operator namespace describe --namespace "$TEMPORAL_NAMESPACE" >/dev/null 2>&1; then
  echo "temporal-namespace: $TEMPORAL_NAMESPACE exists; retention $TEMPORAL_NAMESPACE_RETENTION"
  temporal_cli operator namespace update --namespace "$TEMPORAL_NAMESPACE" \
    --retention "$TEMPORAL_NAMESPACE_RETENTION"
else
  echo "temporal-namespace: creating $TEMPORAL_NAMESPACE; retention $TEMPORAL_NAMESPACE_RETENTION"
  temporal_cli operator namespace create --namespace "$TEMPORAL_NAMESPACE" \
    --retention "$TEMPORAL_NAMESPACE_RETENTION" \
    --description 'Vehicle permit cases (docker-compose.yml)'
fi

# A new namespace reaches the frontend's cache within seconds; until then it is "not found".
wait_until "served by the frontend" \
  temporal_cli operator search-attribute list --namespace "$TEMPORAL_NAMESPACE"

temporal_cli operator namespace describe --namespace "$TEMPORAL_NAMESPACE"
echo 'temporal-namespace: done'
