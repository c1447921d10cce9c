#!/usr/bin/env bash
# Contour on a highly available PostgreSQL, on one machine (docs/deployment.md):
#   etcd -> Patroni managing PostgreSQL 15 nodes (synchronous_mode, remote_apply)
#   -> HAProxy (write port: the leader; read port: the synchronous standby)
#   -> PgBouncer (transaction pooling) -> Contour instances -> HAProxy's public port.
#
# Usage: deploy/cluster.sh up|down|status|destroy
#   up       install the Debian packages when missing, then start whatever is not running
#   down     stop everything (Contour, HAProxy, PgBouncer, Patroni and PostgreSQL, etcd)
#   destroy  down, then remove CONTOUR_CLUSTER_DIR
#   status   what runs, the Patroni members, the addresses
# Helpers for the fault test (test/cluster): start-node N, start-contour N, start-pgbouncer,
# stop-pgbouncer, pids.
#
# Settings (environment): CONTOUR_CLUSTER_DIR (default /tmp/contour-cluster) holds every data
# folder, config, log and pid file; CONTOUR_CLUSTER_PORT_BASE (default 24000) the port block;
# CONTOUR_CLUSTER_NODES (2 or 3, default 2); CONTOUR_CLUSTER_INSTANCES (default 2);
# CONTOUR_CLUSTER_JWT_SECRET (default generated once, kept in the work dir);
# CONTOUR_CLUSTER_ADMIN_EMAIL and CONTOUR_CLUSTER_ADMIN_PASSWORD (the first clinic's admin).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${CONTOUR_CLUSTER_DIR:-/tmp/contour-cluster}"
BASE="${CONTOUR_CLUSTER_PORT_BASE:-24000}"
NODES="${CONTOUR_CLUSTER_NODES:-2}"
INSTANCES="${CONTOUR_CLUSTER_INSTANCES:-2}"
PG_BIN=/usr/lib/postgresql/15/bin

ETCD_CLIENT=$((BASE + 379))
ETCD_PEER=$((BASE + 380))
WRITE_PORT=$((BASE + 500)) # HAProxy -> the Patroni leader
READ_PORT=$((BASE + 501))  # HAProxy -> the synchronous standby (the leader as backup)
STATS_PORT=$((BASE + 404)) # HAProxy's statistics page
PUBLIC_PORT=$((BASE + 80)) # HAProxy -> the Contour instances
BOUNCER_PORT=$((BASE + 600))
pg_port() { echo $((BASE + 431 + $1)); }     # node 1: BASE+432
rest_port() { echo $((BASE + 7 + $1)); }     # node 1: BASE+8 (Patroni's REST API)
contour_port() { echo $((BASE + 100 + $1)); } # instance 1: BASE+101

ADMIN_EMAIL="${CONTOUR_CLUSTER_ADMIN_EMAIL:-admin@cluster.example}"
ADMIN_PASSWORD="${CONTOUR_CLUSTER_ADMIN_PASSWORD:-cluster-admin-password}"

log() { printf '[cluster] %s\n' "$*" >&2; }
die() {
  log "$*"
  exit 1
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres -- "$@"; fi
}

install_packages() {
  local missing=()
  command -v etcd >/dev/null || missing+=(etcd-server)
  command -v patroni >/dev/null || missing+=(patroni)
  command -v haproxy >/dev/null || missing+=(haproxy)
  command -v pgbouncer >/dev/null || missing+=(pgbouncer)
  [ -x "$PG_BIN/postgres" ] || missing+=(postgresql-15)
  command -v psql >/dev/null || missing+=(postgresql-client)
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  # Debian's packages start their own services where systemd runs: this cluster uses its own.
  if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
    as_root systemctl stop etcd haproxy pgbouncer patroni 2>/dev/null || true
  fi
}

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
  local seconds=$1 what=$2
  shift 2
  for _ in $(seq 1 $((seconds * 5))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  die "$what: not ready after ${seconds}s (logs in $DIR/*/*.log)"
}

http_ok() { curl -fsS -o /dev/null --max-time 2 "$1"; }

start_etcd() {
  mkdir -p "$DIR/etcd"
  pid_alive "$DIR/etcd/etcd.pid" && return
  log "etcd on 127.0.0.1:$ETCD_CLIENT"
  nohup etcd --name contour-etcd --data-dir "$DIR/etcd/data" \
    --listen-client-urls "http://127.0.0.1:$ETCD_CLIENT" \
    --advertise-client-urls "http://127.0.0.1:$ETCD_CLIENT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER" \
    --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER" \
    --initial-cluster "contour-etcd=http://127.0.0.1:$ETCD_PEER" \
    --enable-v2=true </dev/null >"$DIR/etcd/etcd.log" 2>&1 &
  echo $! >"$DIR/etcd/etcd.pid"
  wait_for 20 etcd http_ok "http://127.0.0.1:$ETCD_CLIENT/health"
}

write_patroni_config() {
  local n=$1 node="$DIR/pg$1"
  mkdir -p "$node"
  cat >"$node/patroni.yml" <<YAML
scope: contour
namespace: /contour/
name: pg$n
log:
  level: INFO
restapi:
  listen: 127.0.0.1:$(rest_port "$n")
  connect_address: 127.0.0.1:$(rest_port "$n")
etcd3:
  hosts: 127.0.0.1:$ETCD_CLIENT
bootstrap:
  dcs:
    # Failover within ttl + loop_wait of the leader's death: its key expires, the sync standby takes it.
    ttl: 10
    loop_wait: 1
    retry_timeout: 4
    maximum_lag_on_failover: 1048576
    # An acknowledged commit is on two nodes; only the synchronous standby may be promoted.
    synchronous_mode: true
    postgresql:
      use_pg_rewind: true
      remove_data_directory_on_rewind_failure: true
      use_slots: true
      parameters:
        # The standby has applied a commit before the client hears of it: reads on it see it.
        synchronous_commit: remote_apply
        wal_level: replica
        hot_standby: 'on'
        wal_log_hints: 'on'
        max_connections: 200
        max_wal_senders: 10
        max_replication_slots: 10
        shared_buffers: 64MB
  initdb:
    - encoding: UTF8
    - locale: C.UTF-8
  pg_hba:
    - local all all trust
    - host replication replicator 127.0.0.1/32 trust
    - host all all 127.0.0.1/32 trust
postgresql:
  listen: 127.0.0.1:$(pg_port "$n")
  connect_address: 127.0.0.1:$(pg_port "$n")
  data_dir: $node/data
  bin_dir: $PG_BIN
  pgpass: $node/pgpass
  authentication:
    superuser:
      username: postgres
      password: cluster-superuser
    replication:
      username: replicator
      password: cluster-replicator
    rewind:
      username: postgres
      password: cluster-superuser
  parameters:
    unix_socket_directories: '$node'
YAML
}

start_node() {
  local n=$1 node="$DIR/pg$1"
  write_patroni_config "$n"
  chown -R postgres:postgres "$node"
  pid_alive "$node/patroni.pid" && return
  log "Patroni pg$n: PostgreSQL on 127.0.0.1:$(pg_port "$n"), REST on 127.0.0.1:$(rest_port "$n")"
  # PostgreSQL refuses to run as root: Patroni and its postmaster run as postgres.
  # shellcheck disable=SC2016 # $$ and $1 are the inner shell's
  as_postgres sh -c 'echo $$ >"$1/patroni.pid"; exec patroni "$1/patroni.yml" >>"$1/patroni.log" 2>&1' \
    patroni "$node" </dev/null >/dev/null 2>&1 &
  wait_for 10 "Patroni pg$n REST" http_ok "http://127.0.0.1:$(rest_port "$n")/liveness"
}

leader_rest() { # the REST port of the node that answers /primary
  for n in $(seq 1 "$NODES"); do
    if http_ok "http://127.0.0.1:$(rest_port "$n")/primary"; then
      rest_port "$n"
      return 0
    fi
  done
  return 1
}

write_haproxy_config() {
  mkdir -p "$DIR/haproxy"
  # HAProxy's own answers, in the problem+json 503 UNAVAILABLE with Retry-After the instances
  # give: no instance ready (all marked down during a failover: 503), or the instance died under
  # the request (502) or did not answer in time (504). A client retries the same request with
  # its Idempotency-Key, so a write that did commit is not made twice.
  local code detail body
  for code in 502 503 504; do
    case $code in
      502) detail="The Contour instance serving the request went away; retry shortly" ;;
      503) detail="No Contour instance is ready; retry shortly" ;;
      504) detail="The Contour instance did not answer in time; retry shortly" ;;
    esac
    body="{\"type\":\"urn:contour:problem:unavailable\",\"title\":\"Service unavailable\",\"status\":503,\"detail\":\"$detail\",\"code\":\"UNAVAILABLE\"}"
    printf 'HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\nRetry-After: 5\r\nCache-Control: no-store\r\nConnection: close\r\nContent-Length: %s\r\n\r\n%s' \
      "${#body}" "$body" >"$DIR/haproxy/$code.http"
  done
  {
    cat <<CFG
global
  maxconn 4000
  log stderr format short local0 notice

defaults
  log global
  timeout connect 3s
  timeout check 2s
  timeout client 30m
  timeout server 30m

listen stats
  mode http
  bind 127.0.0.1:$STATS_PORT
  stats enable
  stats uri /

# Writes: only the node whose Patroni answers /primary; a node marked down has its sessions cut.
listen postgres_write
  mode tcp
  bind 127.0.0.1:$WRITE_PORT
  option httpchk GET /primary
  http-check expect status 200
  default-server inter 1s fastinter 500ms fall 2 rise 2 on-marked-down shutdown-sessions
CFG
    for n in $(seq 1 "$NODES"); do
      echo "  server pg$n 127.0.0.1:$(pg_port "$n") check port $(rest_port "$n")"
    done
    cat <<CFG

# Reads: the synchronous standby (remote_apply: it has every acknowledged commit); the leader
# when there is none (a backup tracking the write side's check).
listen postgres_read
  mode tcp
  bind 127.0.0.1:$READ_PORT
  balance roundrobin
  option httpchk GET /sync
  http-check expect status 200
  default-server inter 1s fastinter 500ms fall 2 rise 2 on-marked-down shutdown-sessions
CFG
    for n in $(seq 1 "$NODES"); do
      echo "  server pg$n 127.0.0.1:$(pg_port "$n") check port $(rest_port "$n")"
    done
    for n in $(seq 1 "$NODES"); do
      echo "  server pg$n-leader 127.0.0.1:$(pg_port "$n") backup track postgres_write/pg$n"
    done
    cat <<CFG

# The public port: Contour instances round-robin, each while its /health/ready answers 200.
listen contour
  mode http
  bind 127.0.0.1:$PUBLIC_PORT
  balance roundrobin
  option httpchk GET /health/ready
  http-check expect status 200
  option forwardfor
  timeout client 60s
  timeout server 40s
  retries 2
  option redispatch
  errorfile 502 $DIR/haproxy/502.http
  errorfile 503 $DIR/haproxy/503.http
  errorfile 504 $DIR/haproxy/504.http
  # Not on-marked-down shutdown-sessions: an instance that stops being ready (its database being
  # elected) still answers the requests it has, each a 503 at worst; cutting them is a reset.
  default-server inter 1s fastinter 500ms fall 2 rise 1
CFG
    for i in $(seq 1 "$INSTANCES"); do
      echo "  server contour$i 127.0.0.1:$(contour_port "$i") check"
    done
  } >"$DIR/haproxy/haproxy.cfg"
}

start_haproxy() {
  write_haproxy_config
  haproxy -c -q -f "$DIR/haproxy/haproxy.cfg" || die "haproxy.cfg is invalid"
  pid_alive "$DIR/haproxy/haproxy.pid" && return
  log "HAProxy: write 127.0.0.1:$WRITE_PORT, read 127.0.0.1:$READ_PORT, public 127.0.0.1:$PUBLIC_PORT, stats 127.0.0.1:$STATS_PORT"
  nohup haproxy -db -f "$DIR/haproxy/haproxy.cfg" </dev/null >"$DIR/haproxy/haproxy.log" 2>&1 &
  echo $! >"$DIR/haproxy/haproxy.pid"
}

write_pgbouncer_config() {
  mkdir -p "$DIR/pgbouncer"
  echo '"postgres" ""' >"$DIR/pgbouncer/userlist.txt"
  cat >"$DIR/pgbouncer/pgbouncer.ini" <<INI
[databases]
contour = host=127.0.0.1 port=$WRITE_PORT dbname=contour

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BOUNCER_PORT
unix_socket_dir =
auth_type = trust
auth_file = $DIR/pgbouncer/userlist.txt
; PgBouncer 1.18 (Debian 12): no named prepared statements across transactions, so Contour runs
; with DATABASE_PREPARED_STATEMENTS=false (docs/scaling.md).
pool_mode = transaction
max_client_conn = 1000
default_pool_size = 40
; A client waits at most this long for a server connection (the leader being elected), then
; gets an error Contour answers as 503 UNAVAILABLE.
query_wait_timeout = 10
server_connect_timeout = 3
server_login_retry = 1
server_check_delay = 0
ignore_startup_parameters = extra_float_digits,options
logfile = $DIR/pgbouncer/pgbouncer.log
pidfile = $DIR/pgbouncer/pgbouncer.pid
INI
  chown -R postgres:postgres "$DIR/pgbouncer"
}

start_pgbouncer() {
  write_pgbouncer_config
  pid_alive "$DIR/pgbouncer/pgbouncer.pid" && return
  log "PgBouncer (transaction pooling) on 127.0.0.1:$BOUNCER_PORT"
  # PgBouncer refuses to run as root too.
  as_postgres pgbouncer -d "$DIR/pgbouncer/pgbouncer.ini" </dev/null >/dev/null 2>&1
  wait_for 10 PgBouncer pg_isready -q -h 127.0.0.1 -p "$BOUNCER_PORT" -d contour
}

stop_pgbouncer() {
  stop_pid "$DIR/pgbouncer/pgbouncer.pid" PgBouncer
}

jwt_secret() {
  if [ -n "${CONTOUR_CLUSTER_JWT_SECRET:-}" ]; then
    echo "$CONTOUR_CLUSTER_JWT_SECRET"
    return
  fi
  [ -f "$DIR/jwt-secret" ] || head -c 48 /dev/urandom | base64 | tr -d '\n/+=' >"$DIR/jwt-secret"
  cat "$DIR/jwt-secret"
}

node_flags() {
  node -e 'process.stdout.write(require(process.argv[1]).config.serverNodeFlags)' "$ROOT/package.json"
}

start_contour() {
  local i=$1 dir="$DIR/contour$1"
  mkdir -p "$dir"
  pid_alive "$dir/contour.pid" && return
  log "Contour instance $i on 127.0.0.1:$(contour_port "$i")"
  # shellcheck disable=SC2046 # the node flags are words
  (cd "$ROOT" && exec env NODE_ENV=production HOST=127.0.0.1 PORT="$(contour_port "$i")" \
    DATABASE_URL="postgres://postgres@127.0.0.1:$BOUNCER_PORT/contour" \
    DATABASE_READ_URL="postgres://postgres@127.0.0.1:$READ_PORT/contour" \
    DATABASE_PREPARED_STATEMENTS=false DATABASE_POOL_SIZE=10 \
    JWT_SECRET="$(jwt_secret)" TRUST_PROXY=127.0.0.1 LOG_LEVEL=warn \
    BOOTSTRAP_ADMIN_EMAIL="$ADMIN_EMAIL" BOOTSTRAP_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    BOOTSTRAP_CLINIC_NAME="Cluster Clinic" PUBLIC_URL="http://127.0.0.1:$PUBLIC_PORT" \
    JOBS_WORKER=true \
    nohup node $(node_flags) dist/main.js </dev/null >>"$dir/contour.log" 2>&1) &
  echo $! >"$dir/contour.pid"
}

stop_pid() { # stop_pid PIDFILE NAME: SIGTERM, then SIGKILL after 20 s
  local file=$1 name=$2 pid
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping $name ($pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  fi
  rm -f "$file"
}

create_database() { # succeeds only once database contour exists on the leader
  local psql=(psql -qAt -h 127.0.0.1 -p "$WRITE_PORT" -U postgres -d postgres)
  local found
  found=$("${psql[@]}" -c "SELECT count(*) FROM pg_database WHERE datname = 'contour'") || return 1
  case "$found" in
    1) return 0 ;;
    0) ;;
    *) return 1 ;;
  esac
  log "creating database contour on the leader"
  "${psql[@]}" -c 'CREATE DATABASE contour' || return 1
  # No statement holds a request longer than the load balancer waits for it.
  "${psql[@]}" -c "ALTER DATABASE contour SET statement_timeout = '20s'" || return 1
  "${psql[@]}" -c "ALTER DATABASE contour SET idle_in_transaction_session_timeout = '30s'" || return 1
  [ "$("${psql[@]}" -c "SELECT count(*) FROM pg_database WHERE datname = 'contour'")" = 1 ]
}

sync_standby_ready() {
  # A synchronous standby is named: acknowledged commits are on two nodes.
  curl -fsS --max-time 2 "http://127.0.0.1:$(rest_port 1)/cluster" | grep -q '"role": *"sync_standby"'
}

up() {
  if [ "$NODES" -lt 2 ] || [ "$NODES" -gt 3 ]; then die "CONTOUR_CLUSTER_NODES must be 2 or 3"; fi
  install_packages
  mkdir -p "$DIR"
  chmod 755 "$DIR"
  [ -f "$ROOT/dist/main.js" ] || (cd "$ROOT" && node scripts/build-server.mjs)
  start_etcd
  for n in $(seq 1 "$NODES"); do start_node "$n"; done
  wait_for 90 "a Patroni leader" leader_rest
  wait_for 90 "a synchronous standby" sync_standby_ready
  start_haproxy
  wait_for 30 "the leader through HAProxy" create_database
  start_pgbouncer
  jwt_secret >/dev/null # written once, before the instances read it
  # All instances at once: migrations and the first clinic happen once (advisory locks).
  for i in $(seq 1 "$INSTANCES"); do start_contour "$i"; done
  for i in $(seq 1 "$INSTANCES"); do
    wait_for 120 "Contour instance $i" http_ok "http://127.0.0.1:$(contour_port "$i")/health/ready"
  done
  wait_for 20 "the public port" http_ok "http://127.0.0.1:$PUBLIC_PORT/health/ready"
  status
}

down() {
  for i in $(seq 1 "$INSTANCES"); do stop_pid "$DIR/contour$i/contour.pid" "Contour $i"; done
  stop_pid "$DIR/haproxy/haproxy.pid" HAProxy
  stop_pgbouncer
  # Replicas first, then the leader: no failover on the way down.
  local leader=""
  for n in $(seq 1 "$NODES"); do
    if http_ok "http://127.0.0.1:$(rest_port "$n")/primary"; then leader=$n; fi
  done
  for n in $(seq 1 "$NODES"); do
    [ "$n" = "$leader" ] || stop_pid "$DIR/pg$n/patroni.pid" "Patroni pg$n"
  done
  [ -z "$leader" ] || stop_pid "$DIR/pg$leader/patroni.pid" "Patroni pg$leader"
  # A postmaster whose Patroni was SIGKILLed outlives it: stop it by its own pid file.
  for n in $(seq 1 "$NODES"); do
    if [ -f "$DIR/pg$n/data/postmaster.pid" ]; then
      local pm
      pm=$(head -1 "$DIR/pg$n/data/postmaster.pid")
      if kill -0 "$pm" 2>/dev/null; then
        log "stopping PostgreSQL pg$n ($pm)"
        as_postgres "$PG_BIN/pg_ctl" -D "$DIR/pg$n/data" -m fast -w stop >/dev/null || true
      fi
    fi
  done
  stop_pid "$DIR/etcd/etcd.pid" etcd
}

status() {
  echo "work dir:     $DIR"
  echo "public:       http://127.0.0.1:$PUBLIC_PORT/ (HAProxy -> Contour x$INSTANCES)"
  echo "write:        postgres://postgres@127.0.0.1:$WRITE_PORT/contour (HAProxy -> leader)"
  echo "read:         postgres://postgres@127.0.0.1:$READ_PORT/contour (HAProxy -> sync standby)"
  echo "pgbouncer:    postgres://postgres@127.0.0.1:$BOUNCER_PORT/contour (transaction pooling)"
  echo "haproxy:      http://127.0.0.1:$STATS_PORT/ (statistics)"
  echo "etcd:         http://127.0.0.1:$ETCD_CLIENT"
  echo "admin:        $ADMIN_EMAIL / $ADMIN_PASSWORD"
  for n in $(seq 1 "$NODES"); do
    local state=stopped
    pid_alive "$DIR/pg$n/patroni.pid" && state="patroni $(cat "$DIR/pg$n/patroni.pid")"
    echo "pg$n:          127.0.0.1:$(pg_port "$n") REST 127.0.0.1:$(rest_port "$n") ($state)"
  done
  for i in $(seq 1 "$INSTANCES"); do
    local state=stopped
    pid_alive "$DIR/contour$i/contour.pid" && state="pid $(cat "$DIR/contour$i/contour.pid")"
    echo "contour$i:     http://127.0.0.1:$(contour_port "$i") ($state)"
  done
  for n in $(seq 1 "$NODES"); do
    if curl -fsS --max-time 2 "http://127.0.0.1:$(rest_port "$n")/cluster" 2>/dev/null; then
      echo
      break
    fi
  done
}

pids() { # machine-readable, for the fault test
  for n in $(seq 1 "$NODES"); do
    local patroni="" postmaster=""
    [ -f "$DIR/pg$n/patroni.pid" ] && patroni=$(cat "$DIR/pg$n/patroni.pid")
    [ -f "$DIR/pg$n/data/postmaster.pid" ] && postmaster=$(head -1 "$DIR/pg$n/data/postmaster.pid")
    echo "pg$n patroni=$patroni postmaster=$postmaster rest=$(rest_port "$n") port=$(pg_port "$n")"
  done
  for i in $(seq 1 "$INSTANCES"); do
    echo "contour$i pid=$(cat "$DIR/contour$i/contour.pid" 2>/dev/null || true) port=$(contour_port "$i")"
  done
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  destroy)
    down
    log "removing $DIR"
    rm -rf "$DIR"
    ;;
  status) status ;;
  pids) pids ;;
  start-node) start_node "$2" ;;
  start-contour) start_contour "$2" ;;
  start-pgbouncer) start_pgbouncer ;;
  stop-pgbouncer) stop_pgbouncer ;;
  *)
    echo "usage: $0 up|down|destroy|status|pids|start-node N|start-contour N|start-pgbouncer|stop-pgbouncer" >&2
    exit 2
    ;;
esac
