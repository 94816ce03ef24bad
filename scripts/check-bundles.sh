#!/usr/bin/env bash
# The production builds run alone. Each app's build output (apps/api/dist, apps/cli/dist) is copied
# to an empty folder outside the workspace and gets its dependencies from `npm ci --omit=dev` there;
# then the CLI migrates and seeds a database of its own, the API answers /readyz, the catalog and
# the files of /docs from it and stops cleanly on SIGTERM, and the CLI finds the books in order.
#
#   npx nx run-many -t build -p api cli && bash scripts/check-bundles.sh
#
# Needs MariaDB/MySQL and Redis on localhost (npm run up) and the npm registry or npm's cache.
set -euo pipefail
cd "$(dirname "$0")/.."

db_name=concert_bundles_$$
export DATABASE_URL=mysql://root@127.0.0.1:3306/$db_name REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
export REDIS_KEY_PREFIX=bundles$$ LOG_LEVEL=warn
PORT=$(node -e "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })")
export PORT
work=$(mktemp -d)
api=

cleanup() {
  [[ -n $api ]] && kill "$api" 2>/dev/null && wait "$api" 2>/dev/null
  mysql -uroot -h127.0.0.1 -e "DROP DATABASE IF EXISTS \`$db_name\`" || true
  redis-cli -u "$REDIS_URL" --scan --pattern "$REDIS_KEY_PREFIX:*" | xargs -r redis-cli -u "$REDIS_URL" del >/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "✗ $*" >&2
  exit 1
}

for app in api cli; do
  [[ -f apps/$app/dist/main.js ]] || fail "apps/$app/dist/main.js is missing: run npx nx build $app first"
  cp -R "apps/$app/dist" "$work/$app"
  (cd "$work/$app" && npm ci --omit=dev --no-audit --no-fund --prefer-offline --loglevel=error)
  echo "$app: $(du -sk "$work/$app/main.js" | cut -f1) KB main.js, $(du -sm "$work/$app/node_modules" 2>/dev/null | cut -f1 || echo 0) MB node_modules"
done

cd "$work"
start=$(date +%s%N)
node cli/main.js --help >/dev/null
echo "cli: --help answered in $(( ($(date +%s%N) - start) / 1000000 )) ms"
node cli/main.js db migrate
node cli/main.js seed demo --if-empty

node api/main.js &
api=$!
for _ in $(seq 1 100); do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/readyz" && break
  kill -0 "$api" 2>/dev/null || fail "the API stopped before it answered"
  sleep 0.2
done
curl -fs "http://127.0.0.1:$PORT/readyz" | grep -q '"status":"ok"' || fail "/readyz is not ok"
curl -fs "http://127.0.0.1:$PORT/api/v1/concerts" | grep -q '"title":' || fail "the catalog does not list the seeded concerts"
curl -fs "http://127.0.0.1:$PORT/docs/assets/swagger-ui-bundle.js" | grep -q SwaggerUIBundle || fail "/docs does not serve Swagger UI from the installed swagger-ui-dist"
kill -TERM "$api"
wait "$api" || fail "the API did not stop cleanly on SIGTERM"
api=

node cli/main.js verify
echo "✓ both bundles run alone"
