#!/usr/bin/env bash
# One load run as docs/benchmarks.md "Reproduce" describes it: a fresh `concert_load` database seeded
# for the scenario, the built API started as in production on port 8090, `nx run k6:<scenario>`
# against it (which ends with `concertctl verify`), then the API stopped.
#
#   npm run build && bash scripts/load-run.sh capacity
#   WALLET_CHARGE_BATCH_SIZE=1 bash scripts/load-run.sh flash-sale     # API settings pass through
#
# Needs MariaDB and Redis (npm run up).
set -euo pipefail

scenario=${1:?usage: scripts/load-run.sh <seed-flow|seed-flow-heavy|capacity|flash-sale|catalog-storm> [runner options]}
shift
cd "$(dirname "$0")/.."

export DATABASE_URL=${LOAD_DATABASE_URL:-mysql://root@127.0.0.1:3306/concert_load}
export REDIS_KEY_PREFIX=load NODE_ENV=production LOG_LEVEL=${LOG_LEVEL:-warn} PORT=8090
export QUEUE_TOKEN_SECRET=a-load-test-secret-of-at-least-32-chars
database=$(node -e 'console.log(new URL(process.argv[1]).pathname.slice(1))' "$DATABASE_URL")

concertctl() { node apps/cli/dist/main.js "$@"; }

if curl -s -o /dev/null http://127.0.0.1:8090/healthz; then
  echo "Something already answers on port 8090: stop it first, or the run would measure it." >&2
  exit 2
fi

mysql -uroot -h127.0.0.1 -e "DROP DATABASE IF EXISTS \`$database\`"
redis-cli --scan --pattern 'load*' | xargs -r redis-cli del >/dev/null
concertctl db migrate >/dev/null
case "$scenario" in
  seed-flow | seed-flow-heavy | catalog-storm) concertctl seed demo >/dev/null ;;
  capacity)
    concertctl seed generate --concerts 5 --events 3 --seats 2000 >/dev/null
    # A waiting room that admits faster than the flow can buy: the run measures the purchase path.
    export QUEUE_ADMISSIONS_PER_SECOND=${QUEUE_ADMISSIONS_PER_SECOND:-2000} QUEUE_MAX_ACTIVE_USERS=${QUEUE_MAX_ACTIVE_USERS:-5000}
    ;;
  flash-sale) concertctl seed generate --concerts 1 --events 1 --seats 1000 >/dev/null ;;
  *) echo "unknown scenario $scenario" >&2; exit 2 ;;
esac

node ${API_NODE_FLAGS:-} apps/api/dist/main.js &
api=$!
trap 'kill $api 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -sf http://127.0.0.1:8090/healthz >/dev/null && break; sleep 0.2; done
kill -0 $api # the API exits at once when it cannot start

# CPU seconds (user + system) of a process, and of the whole machine from /proc/stat.
cpu_of() { awk '{ sub(/.*\) /, ""); split($0, f, " "); print (f[12] + f[13]) / 100 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
# All busy time, and the part of it the kernel spent in interrupts (the network's receive work).
machine_cpu() { awk '/^cpu / { print ($2 + $3 + $4 + $7 + $8) / 100, ($7 + $8) / 100 }' /proc/stat; }
database=$(pgrep -o -x mariadbd || pgrep -o -x mysqld || echo 0)
redis=$(pgrep -o -x redis-server || echo 0)
before=("$(cpu_of $api)" "$(cpu_of "$database")" "$(cpu_of "$redis")" "$(machine_cpu)")

status=0
npx nx run "k6:$scenario" --url=http://127.0.0.1:8090 "$@" || status=$?

# Where the machine's CPU went during the run (and the verify at its end); "rest" is mostly the
# load generator (and nx, and the verify's CLI).
after=("$(cpu_of $api)" "$(cpu_of "$database")" "$(cpu_of "$redis")" "$(machine_cpu)")
awk -v a="${before[*]}" -v b="${after[*]}" 'BEGIN {
  split(a, x, " "); split(b, y, " ")
  api = y[1] - x[1]; db = y[2] - x[2]; redis = y[3] - x[3]; all = y[4] - x[4]; irq = y[5] - x[5]
  printf "CPU seconds: API %.1f, database %.1f, Redis %.1f, interrupts %.1f, rest %.1f (all %.1f)\n", api, db, redis, irq, all - api - db - redis - irq, all
}'
exit $status
