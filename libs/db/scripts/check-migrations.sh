#!/usr/bin/env bash
# Fails when the Drizzle schema has changed without a generated migration.
set -euo pipefail
cd "$(dirname "$0")/.."
before=$(ls drizzle/*.sql | wc -l)
output=$(npx drizzle-kit generate --name unreviewed_drift 2>&1)
after=$(ls drizzle/*.sql | wc -l)
if [[ "$after" != "$before" ]]; then
  echo "$output"
  echo "The schema in src/schema differs from the checked-in migrations: run \`npm run db:generate\` and commit drizzle/." >&2
  git checkout -- drizzle && git clean -fq drizzle
  exit 1
fi
echo "Migrations match the schema."
