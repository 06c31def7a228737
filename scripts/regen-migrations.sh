#!/usr/bin/env bash
# Development helper: drop every migration not yet committed and generate one migration for the current schema.
# Committed migrations are never touched (they are never edited once they land).
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:-wip}"
dir=packages/db/migrations
git checkout -- "$dir/meta/_journal.json" 2>/dev/null || true
for f in "$dir"/*.sql "$dir"/meta/*_snapshot.json; do
  [ -e "$f" ] || continue
  git ls-files --error-unmatch "$f" >/dev/null 2>&1 || rm -f "$f"
done
npx drizzle-kit generate --config packages/db/drizzle.config.ts --name "$name"
