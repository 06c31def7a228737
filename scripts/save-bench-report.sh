#!/usr/bin/env bash
# Copies the last `npm run bench` report (bench/out/report.{md,json}) to docs/reports/ under a name that says
# when, on which database and at which scale it ran: bench-<date>-<pglite|postgresql>[-quick][-<label>].{md,json}.
# Usage: npm run bench:save [-- <label>]      e.g. npm run bench:save -- soak
set -euo pipefail
cd "$(dirname "$0")/.."
src=bench/out
if [[ ! -f $src/report.json || ! -f $src/report.md ]]; then
  echo "no report in $src: run npm run bench first" >&2
  exit 1
fi
meta=$(node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const db = r.database.startsWith("PostgreSQL") ? "postgresql" : "pglite";
  const quick = r.scale.startsWith("QUICK") ? "-quick" : "";
  console.log(`${r.date.slice(0, 10)}-${db}${quick}`);
' "$src/report.json")
label=${1:+-$1}
name="bench-${meta}${label}"
mkdir -p docs/reports
cp "$src/report.md" "docs/reports/${name}.md"
cp "$src/report.json" "docs/reports/${name}.json"
echo "saved docs/reports/${name}.md and .json"
