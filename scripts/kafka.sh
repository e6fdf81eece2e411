#!/usr/bin/env bash
# Single-node Apache Kafka (KRaft, combined broker+controller) for tests, run
# straight from the Maven Central jars so no Docker or tarball mirror is needed.
#
#   scripts/kafka.sh start | stop | status | tool <main-class> [args...]
#
# start prints KAFKA_BROKERS=127.0.0.1:<port> as its last stdout line.
# Env: KAFKA_PORT (19092), KAFKA_CONTROLLER_PORT (19093),
#      KAFKA_DATA_DIR (.data/kafka, relative paths are repo-relative),
#      KAFKA_KEEP_DATA=1 to keep topics across starts (default: wiped),
#      KAFKA_START_TIMEOUT (90 s), KAFKA_STOP_TIMEOUT (30 s).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

PORT=${KAFKA_PORT:-19092}
CPORT=${KAFKA_CONTROLLER_PORT:-19093}
DATA=${KAFKA_DATA_DIR:-.data/kafka}
LIB=$ROOT/.tools/kafka/lib
POM=$ROOT/scripts/kafka/pom.xml
BROKER=127.0.0.1:$PORT

die() { echo "kafka.sh: $*" >&2; exit 1; }

need_java() {
  command -v java >/dev/null || die "java not found on PATH (Kafka needs JDK 17+)"
  local v; v=$(java -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')
  [[ ${v%%.*} -ge 17 ]] 2>/dev/null || die "java ${v:-?} found, Kafka 4 needs JDK 17+"
}

fetch_jars() {
  # Re-fetch only when the pom changed (e.g. a Kafka version bump).
  local stamp; stamp=$(cksum < "$POM")
  [[ -f $LIB/.stamp && $(<"$LIB/.stamp") == "$stamp" ]] && return
  command -v mvn >/dev/null || die "mvn not found on PATH (needed once to fetch Kafka jars into .tools/kafka/lib)"
  echo "kafka.sh: fetching Kafka jars from Maven Central (first run may take a minute)..." >&2
  # Fetch into a temp dir and rename, so an interrupted fetch never looks complete.
  rm -rf "$LIB.tmp"
  local out
  out=$(mvn -B -q -f "$POM" dependency:copy-dependencies -DoutputDirectory="$LIB.tmp" 2>&1) \
    || { printf '%s\n' "$out" >&2; die "maven could not fetch the Kafka jars (see output above)"; }
  echo "$stamp" > "$LIB.tmp/.stamp"
  rm -rf "$LIB" && mv "$LIB.tmp" "$LIB"
}

# Small heap and C1-only JIT: CLI tools are short-lived and share 2 cores with the broker.
tool() {
  java -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dkafka.log.level=WARN \
    -Dlog4j2.configurationFile="$DATA/log4j2.properties" -cp "$LIB/*" "$@"
}

# Pid from the pid file, but only if it still is our broker (pids get reused).
# /proc first: slim CI images often lack ps.
broker_pid() {
  local pid args; pid=$(cat "$DATA/kafka.pid" 2>/dev/null) || return 1
  if [[ -r /proc/$pid/cmdline ]]; then args=$(tr '\0' ' ' < "/proc/$pid/cmdline")
  else args=$(ps -o args= -p "$pid" 2>/dev/null) || return 1; fi
  [[ $args == *kafka.Kafka* ]] && echo "$pid"
}

wait_gone() {  # pid, seconds
  local deadline=$((SECONDS + $2))
  while kill -0 "$1" 2>/dev/null; do (( SECONDS < deadline )) || return 1; sleep 0.2; done
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/${1:-$PORT}") 2>/dev/null; }

# An open port alone is not proof: tests create topics, which needs the broker
# registered and unfenced, so require it to be listed unfenced in metadata.
broker_ready() {
  port_open || return 1
  local out
  out=$(tool org.apache.kafka.tools.BrokerApiVersionsCommand --bootstrap-server "$BROKER" \
    --command-config "$DATA/probe.properties" 2>/dev/null) || return 1
  [[ $out == *"$BROKER (id: 1 "* && $out != *"isFenced: true"* ]]
}

wait_ready() {
  local pid=$1 deadline=$((SECONDS + ${KAFKA_START_TIMEOUT:-90}))
  until broker_ready; do
    local why=""
    kill -0 "$pid" 2>/dev/null || why="broker exited during startup"
    (( SECONDS < deadline )) || why="broker not ready after ${KAFKA_START_TIMEOUT:-90}s"
    if [[ -n $why ]]; then
      # The root cause is usually far above the tail (config dumps, shutdown noise).
      echo "kafka.sh: $why; first errors and last lines of $DATA/kafka.log:" >&2
      grep -m 5 -E '^\[[^]]*\] (ERROR|FATAL)' "$DATA/kafka.log" >&2 || true
      echo "..." >&2
      tail -n 15 "$DATA/kafka.log" >&2 || true
      stop >&2
      exit 1
    fi
    sleep 0.5
  done
}

random_cluster_id() {
  # Same shape as Kafka's Uuid: 16 random bytes, url-safe base64, no padding.
  local id; id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | cut -c1-22)
  echo "${id/#-/A}"   # a leading '-' would be parsed as a CLI flag
}

write_config() {
  local abs; abs=$(cd "$DATA" && pwd)
  cat > "$DATA/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$CPORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CPORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CPORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$abs/logs
auto.create.topics.enable=false
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Test speed: one offsets partition to create, and consumers join without the 3 s delay.
offsets.topic.num.partitions=1
group.initial.rebalance.delay.ms=0
EOF
  # stderr so the broker's log file also catches JVM-level errors in order.
  cat > "$DATA/log4j2.properties" <<'EOF'
appender.err.type = Console
appender.err.name = err
appender.err.target = SYSTEM_ERR
appender.err.layout.type = PatternLayout
appender.err.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = ${sys:kafka.log.level:-INFO}
rootLogger.appenderRef.err.ref = err
EOF
  printf 'request.timeout.ms=3000\ndefault.api.timeout.ms=3000\n' > "$DATA/probe.properties"
}

start() {
  need_java
  mkdir -p "$DATA"
  local pid
  if pid=$(broker_pid); then
    wait_ready "$pid"
    echo "KAFKA_BROKERS=$BROKER"
    return
  fi
  port_open "$PORT" && die "port $PORT is already in use by another process (set KAFKA_PORT)"
  port_open "$CPORT" && die "port $CPORT is already in use by another process (set KAFKA_CONTROLLER_PORT)"
  fetch_jars
  if [[ ${KAFKA_KEEP_DATA:-0} != 1 ]]; then
    rm -rf "$DATA/logs" "$DATA/kafka.log"
  fi
  write_config
  # Kept data already carries its cluster id; formatting it again would clash.
  if [[ ! -f $DATA/logs/meta.properties ]]; then
    tool kafka.tools.StorageTool format --config "$DATA/server.properties" \
      --cluster-id "$(random_cluster_id)" --standalone >/dev/null \
      || die "formatting $DATA/logs failed"
  fi
  # fd 9 is the start lock: the broker must not inherit it or the lock lives on.
  nohup java -Xmx512m -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$DATA/log4j2.properties" \
    -cp "$LIB/*" kafka.Kafka "$DATA/server.properties" \
    >>"$DATA/kafka.log" 2>&1 </dev/null 9>&- &
  echo $! > "$DATA/kafka.pid"
  wait_ready $!
  echo "KAFKA_BROKERS=$BROKER"
}

stop() {
  local pid
  if pid=$(broker_pid); then
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_gone "$pid" "${KAFKA_STOP_TIMEOUT:-30}"; then
      echo "kafka.sh: broker $pid ignored SIGTERM for ${KAFKA_STOP_TIMEOUT:-30}s, killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
      wait_gone "$pid" 5 || die "could not kill broker $pid"
    fi
  fi
  rm -f "$DATA/kafka.pid"
}

status() { broker_pid >/dev/null && port_open; }

lock() {
  # Serialise concurrent start/stop (e.g. parallel test runners) per data dir.
  mkdir -p "$DATA"
  exec 9>"$DATA/.lock"
  if command -v flock >/dev/null; then flock 9; fi
}

case ${1:-} in
  start) lock; start ;;
  stop) lock; stop ;;
  status) status ;;
  tool) shift; need_java; [[ -d $LIB ]] || die "no jars yet, run: $0 start"; tool "$@" ;;
  *) echo "usage: $0 start|stop|status|tool <main-class> [args...]" >&2; exit 2 ;;
esac
