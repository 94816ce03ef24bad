#!/usr/bin/env bash
# One load run as docs/benchmarks.md "Reproduce" describes it: a fresh `concert_load` database (LOAD_DATABASE) on
# the local MariaDB/MySQL, seeded for the scenario, the built API started as in production on port
# 8090 (LOAD_PORT) with the key prefix `load` (or LOAD_DATABASE) on the local Redis, `nx run k6:<scenario>` against it (which ends
# with `concertctl verify`), then the API stopped. Prints the CPU seconds of the API, the database
# server, Redis and the rest of the machine during the run (Linux: read from /proc).
#
#   npm run build && bash scripts/load-run.sh capacity
#   WALLET_CHARGE_BATCH_SIZE=1 bash scripts/load-run.sh flash-sale     # API settings pass through
#   API_NODE_FLAGS=--cpu-prof bash scripts/load-run.sh capacity        # flags for the API's node
#   bash scripts/load-run.sh capacity --duration=20s --vus=20          # runner options pass through
#   WEB_CONCURRENCY=2 bash scripts/load-run.sh capacity                # two API processes (docs/scaling.md)
#   LOAD_PORT=8190 LOAD_DATABASE=concert_load2 bash scripts/load-run.sh capacity   # beside another run
#
# Needs MariaDB and Redis on localhost (npm run up).
set -euo pipefail

scenario=${1:?usage: scripts/load-run.sh <seed-flow|seed-flow-heavy|capacity|flash-sale|flash-sale-never-leaving|catalog-storm> [runner options]}
shift
cd "$(dirname "$0")/.."

db_name=${LOAD_DATABASE:-concert_load}
export DATABASE_URL=mysql://root@127.0.0.1:3306/$db_name REDIS_URL=redis://127.0.0.1:6379 REDIS_KEY_PREFIX=${LOAD_DATABASE:-load}
export NODE_ENV=production LOG_LEVEL=${LOG_LEVEL:-warn} PORT=${LOAD_PORT:-8090} QUEUE_TOKEN_SECRET=a-load-test-secret-of-at-least-32-chars
# A closed bench on loopback: user ids on trust, as the seed's k6 script sends them.
export AUTH_ALLOW_OPEN_IN_PRODUCTION=${AUTH_ALLOW_OPEN_IN_PRODUCTION:-true}

concertctl() { node apps/cli/dist/main.js "$@"; }

if curl -s -o /dev/null http://127.0.0.1:$PORT/healthz; then
  echo "Something already answers on port $PORT: stop it first, or the run would measure it." >&2
  exit 2
fi

mysql -uroot -h127.0.0.1 -e "DROP DATABASE IF EXISTS \`$db_name\`"
redis-cli --scan --pattern "$REDIS_KEY_PREFIX:*" | xargs -r redis-cli del >/dev/null
concertctl db migrate >/dev/null
# Every scenario but seed-flow sends more from this one address than the default rate limits let a
# single address send (docs/security.md "Limits"): they run with the limits lifted. seed-flow runs
# with them, as the seed's own script must.
if [[ $scenario != seed-flow ]]; then export RATE_LIMIT_ENABLED=${RATE_LIMIT_ENABLED:-false}; fi
case "$scenario" in
  seed-flow | seed-flow-heavy | catalog-storm) concertctl seed demo >/dev/null ;;
  capacity)
    concertctl seed generate --concerts 5 --events 3 --seats 2000 >/dev/null
    # A waiting room that admits faster than the flow can buy: the run measures the purchase path.
    export QUEUE_ADMISSIONS_PER_SECOND=${QUEUE_ADMISSIONS_PER_SECOND:-2000} QUEUE_MAX_ACTIVE_USERS=${QUEUE_MAX_ACTIVE_USERS:-5000}
    ;;
  flash-sale | flash-sale-never-leaving) concertctl seed generate --concerts 1 --events 1 --seats 1000 >/dev/null ;;
  *) echo "unknown scenario $scenario" >&2; exit 2 ;;
esac

# shellcheck disable=SC2086 # API_NODE_FLAGS may hold several flags
node ${API_NODE_FLAGS:-} apps/api/dist/main.js &
api=$!
# The API stops gracefully: wait for it, so that the next run finds the port and the database free.
trap 'kill $api 2>/dev/null && wait $api 2>/dev/null || true' EXIT
ready=no
for _ in $(seq 1 50); do
  if curl -sf http://127.0.0.1:$PORT/healthz >/dev/null; then ready=yes; break; fi
  sleep 0.2
done
if [[ $ready == no ]]; then
  echo "The API did not answer on port $PORT within 10 s." >&2
  exit 1
fi

# CPU ticks (1/100 s; whole numbers, which awk prints exactly) of a process, or of the whole machine.
ticks_of() { if [[ $1 == none ]]; then echo 0; else awk '{ sub(/.*\) /, ""); split($0, f, " "); print f[12] + f[13] }' "/proc/$1/stat"; fi; }
# The API's: with WEB_CONCURRENCY > 1, its primary's and every worker's (the primary's children).
api_ticks() {
  local total pid
  total=$(ticks_of $api)
  for pid in $(pgrep -P $api); do total=$(( total + $(ticks_of "$pid") )); done
  echo "$total"
}
# Busy time of all cores, and the part of it /proc/stat puts under interrupts.
machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $7 + $8 }' /proc/stat; }
db_pid=$(pgrep -o -x mariadbd || pgrep -o -x mysqld || echo none)
redis_pid=$(pgrep -o -x redis-server || echo none)
before="$(api_ticks) $(ticks_of "$db_pid") $(ticks_of "$redis_pid") $(machine_ticks)"

status=0
npx nx run "k6:$scenario" --url=http://127.0.0.1:$PORT "$@" || status=$?

# Where the machine's CPU went during the run (and the verify at its end). "rest" is mostly the load
# generator (the runner prints its own share as load_generator_cpu), nx and the verify's CLI. The
# interrupts are not a separate part: with tick-based accounting a tick in a softirq counts both
# there and for the process it interrupted, which on loopback is usually one of the above.
after="$(api_ticks) $(ticks_of "$db_pid") $(ticks_of "$redis_pid") $(machine_ticks)"
awk -v a="$before" -v b="$after" -v db="$db_pid" -v redis="$redis_pid" 'BEGIN {
  split(a, x, " "); split(b, y, " ")
  for (i = 1; i <= 5; i++) s[i] = (y[i] - x[i]) / 100
  figure = "%.1f"
  printf "CPU seconds: API %.1f, database %s, Redis %s, rest %.1f (all %.1f; of which interrupts %.1f)\n",
    s[1], db == "none" ? "n/a" : sprintf(figure, s[2]), redis == "none" ? "n/a" : sprintf(figure, s[3]),
    s[4] - s[1] - s[2] - s[3], s[4], s[5]
}'
exit $status
