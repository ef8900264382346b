#!/usr/bin/env bash
# A Spark standalone cluster on this machine: one master and N workers, each a separate JVM on
# 127.0.0.1, run from the Spark classes rnnkit already resolved from Maven Central (the -Pspark app
# jar by default); no Spark distribution is downloaded.
#
#   scripts/spark-cluster.sh start [--workers N] [--port P] [--dir DIR]   prints the master URL
#   scripts/spark-cluster.sh stop  [--dir DIR]                            ends every process it started
#   scripts/spark-cluster.sh kill-worker N [--dir DIR]                    kill -9 of worker N (1-based)
#
# Each daemon runs in a process group of its own, and the executors a worker launches stay in its
# group, so stop ends them all by group id. Every process started carries DIR in its command line.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command="${1:-}"
shift || true
workers=2
port=7077
dir="${SPARK_CLUSTER_DIR:-${TMPDIR:-/tmp}/rnnkit-spark-cluster}"
worker_to_kill=""
while (( $# > 0 )); do
  case "$1" in
    --workers) workers="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    *) if [[ "$command" == kill-worker && -z "$worker_to_kill" ]]; then worker_to_kill="$1"; shift
       else echo "spark-cluster: unknown argument $1" >&2; exit 2; fi ;;
  esac
done
# The classpath the daemons and the executors run from: Spark 3.5 with Scala 2.12.
classpath="${SPARK_CLUSTER_CLASSPATH:-$here/apps/target/rnnkit.jar}"

# The JVM flags rnnkit's launcher uses, which executors running rnnkit's layers need as well.
java_flags=(
  --add-modules jdk.incubator.vector,jdk.incubator.foreign --enable-native-access=ALL-UNNAMED
  --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.nio=ALL-UNNAMED
  --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.base/java.util=ALL-UNNAMED
  --add-opens java.base/java.lang.invoke=ALL-UNNAMED --add-opens java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens java.base/java.io=ALL-UNNAMED --add-opens java.base/java.net=ALL-UNNAMED
  --add-opens java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens java.base/sun.nio.cs=ALL-UNNAMED --add-opens java.base/sun.security.action=ALL-UNNAMED
  --add-opens java.base/sun.util.calendar=ALL-UNNAMED
)

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Starts "$@" in a new session (so in a process group of its own) and records its pid under $1.
daemon() {
  local name="$1"
  shift
  setsid "$@" >"$dir/logs/$name.log" 2>&1 < /dev/null &
  echo $! >"$dir/pids/$name"
}

wait_for_log() {
  local name="$1" pattern="$2"
  for _ in $(seq 1 240); do
    if grep -q "$pattern" "$dir/logs/$name.log" 2>/dev/null; then return 0; fi
    if ! kill -0 "$(cat "$dir/pids/$name")" 2>/dev/null; then
      echo "spark-cluster: $name exited; see $dir/logs/$name.log" >&2
      tail -5 "$dir/logs/$name.log" >&2
      return 1
    fi
    sleep 0.5
  done
  echo "spark-cluster: $name did not log '$pattern' within 120 s; see $dir/logs/$name.log" >&2
  return 1
}

start() {
  if [[ -d "$dir/pids" ]] && compgen -G "$dir/pids/*" >/dev/null; then
    echo "spark-cluster: a cluster is already recorded in $dir; stop it first" >&2
    exit 2
  fi
  if [[ ! -f "${classpath%%:*}" && ! -d "${classpath%%:*}" ]]; then
    echo "spark-cluster: $classpath not found; build it with: mvn -q -Pspark -DskipTests package" >&2
    exit 2
  fi
  mkdir -p "$dir/logs" "$dir/pids" "$dir/spark-home/jars"
  # A worker builds its executors' classpath from SPARK_HOME/jars plus SPARK_DIST_CLASSPATH.
  export SPARK_HOME="$dir/spark-home" SPARK_SCALA_VERSION=2.12 SPARK_DIST_CLASSPATH="$classpath"
  # One core per worker: executors get one rnnkit kernel thread and single-threaded BLAS.
  export RNNKIT_THREADS=1 OMP_NUM_THREADS=1
  # The daemons and the executors (SPARK_HOME/conf comes first on their classpath) log through rnnkit's
  # logback; at INFO their logs show registration, lost executors and the executors' training.
  mkdir -p "$dir/spark-home/conf"
  cat >"$dir/spark-home/conf/logback.xml" <<'XML'
<configuration>
  <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
    <target>System.err</target>
    <encoder><pattern>%d{HH:mm:ss} %-5level %logger{24} - %msg%n</pattern></encoder>
  </appender>
  <root level="INFO"><appender-ref ref="STDERR"/></root>
</configuration>
XML
  java_flags+=(-Xmx512m -Dlogback.configurationFile="$dir/spark-home/conf/logback.xml" -Drnnkit.spark.cluster="$dir")
  local master_url="spark://127.0.0.1:$port"
  daemon master java "${java_flags[@]}" -cp "$classpath" \
    org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port "$(free_port)"
  wait_for_log master "I have been elected leader"
  for i in $(seq 1 "$workers"); do
    mkdir -p "$dir/work/worker-$i"
    daemon "worker-$i" java "${java_flags[@]}" -cp "$classpath" \
      org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 1536m \
      --webui-port "$(free_port)" --work-dir "$dir/work/worker-$i" "$master_url"
  done
  for i in $(seq 1 "$workers"); do
    wait_for_log "worker-$i" "Successfully registered with master"
  done
  echo "$master_url"
}

stop() {
  [[ -d "$dir/pids" ]] || return 0
  local pid pids=()
  for file in "$dir"/pids/*; do
    [[ -f "$file" ]] && pids+=("$(cat "$file")")
  done
  # A worker ends its executors on TERM; the group kill also catches those a killed worker left behind.
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for _ in $(seq 1 40); do
    local alive=0
    for pid in "${pids[@]}"; do pgrep -g "$pid" >/dev/null && alive=1; done
    (( alive == 0 )) && break
    sleep 0.5
  done
  for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
  rm -rf "$dir/pids" "$dir/work" "$dir/spark-home"
}

case "$command" in
  start) start ;;
  stop) stop ;;
  kill-worker)
    kill -KILL "$(cat "$dir/pids/worker-$worker_to_kill")" ;;
  *) echo "usage: scripts/spark-cluster.sh start|stop|kill-worker N [--workers N] [--port P] [--dir DIR]" >&2; exit 2 ;;
esac
