#!/usr/bin/env bash
# `npm test`: every workspace's tests in one jest run. PostgreSQL is embedded unless DATABASE_URL
# names a server; a real Kafka broker is started here when KAFKA_BROKERS is unset and Java and
# Maven are available (otherwise the Kafka tests skip, or fail under REQUIRE_KAFKA=1).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -z "${KAFKA_BROKERS:-}" ]] && command -v java >/dev/null && command -v mvn >/dev/null; then
  if started=$(scripts/kafka.sh start); then
    export KAFKA_BROKERS=${started##*KAFKA_BROKERS=}
    trap 'scripts/kafka.sh stop >/dev/null' EXIT
  else
    echo "test.sh: Kafka did not start; the Kafka tests will not run against a broker" >&2
  fi
fi

npx jest "$@"
