#!/usr/bin/env bash
# A real local Redis Cluster from Debian's redis-server: 3 masters with a replica each, for the
# cluster test suites, the failover test and trying REDIS_CLUSTER_NODES by hand.
#
#   scripts/redis-cluster.sh start     starts every node not running (creates the cluster the first
#                                      time), then waits until the cluster answers cluster_state:ok
#   scripts/redis-cluster.sh stop      stops every node and deletes the cluster's data
#   scripts/redis-cluster.sh nodes     prints the REDIS_CLUSTER_NODES value
#
# REDIS_CLUSTER_PORTS (default "7100 7101 7102 7103 7104 7105") and REDIS_CLUSTER_DIR (default
# /tmp/concert-redis-cluster) move it. No persistence: a node restarted after a crash rejoins as a
# replica of the one that took its place and copies that one's data.
set -euo pipefail

ports=(${REDIS_CLUSTER_PORTS:-7100 7101 7102 7103 7104 7105})
dir=${REDIS_CLUSTER_DIR:-/tmp/concert-redis-cluster}
say() { printf 'redis-cluster: %s\n' "$*"; }
answers() { redis-cli -p "$1" ping >/dev/null 2>&1; }
nodes() { local IFS=,; echo "${ports[*]/#/127.0.0.1:}"; }

start_node() {
  local port=$1
  mkdir -p "$dir/$port"
  # cluster-node-timeout: how long a master may be silent before its replica takes over (1.5 s
  # here, so that the failover test settles quickly; Redis's default is 15 s).
  (cd "$dir/$port" && redis-server --port "$port" --bind 127.0.0.1 --daemonize yes \
    --cluster-enabled yes --cluster-config-file nodes.conf --cluster-node-timeout 1500 \
    --save '' --appendonly no --logfile "$dir/$port/redis.log" --pidfile "$dir/$port/redis.pid")
}

wait_until() {
  local what=$1; shift
  for _ in $(seq 1 100); do
    "$@" && return 0
    sleep 0.2
  done
  say "timed out waiting until $what"
  return 1
}

cluster_ok() {
  local port
  for port in "${ports[@]}"; do
    redis-cli -p "$port" cluster info 2>/dev/null | grep -q '^cluster_state:ok' || return 1
  done
}

case ${1:-} in
  start)
    command -v redis-server >/dev/null || { say "redis-server is not installed (Debian: apt-get install -y redis-server)"; exit 1; }
    for port in "${ports[@]}"; do answers "$port" || start_node "$port"; done
    for port in "${ports[@]}"; do wait_until "port $port answers" answers "$port"; done
    # A fresh node knows only itself: create the cluster once, from all of them.
    if [[ $(redis-cli -p "${ports[0]}" cluster info | grep -c '^cluster_known_nodes:1') == 1 ]]; then
      args=()
      for port in "${ports[@]}"; do args+=("127.0.0.1:$port"); done
      redis-cli --cluster create "${args[@]}" --cluster-replicas 1 --cluster-yes >/dev/null
    fi
    wait_until "every node says cluster_state:ok" cluster_ok
    say "ok: REDIS_CLUSTER_NODES=$(nodes)"
    ;;
  stop)
    for port in "${ports[@]}"; do
      if answers "$port"; then redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true; fi
    done
    rm -rf "$dir"
    say "stopped"
    ;;
  nodes)
    nodes
    ;;
  *)
    echo "usage: $0 start|stop|nodes" >&2
    exit 2
    ;;
esac
