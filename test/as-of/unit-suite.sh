#!/usr/bin/env bash
# The unit suite with the machine's clock set to other instants (Debian's faketime): a test that reads
# today's date where it should take an injected one fails here. Each instant is a hard one in Beijing: a
# Sunday morning, New Year's Day (still 31 December in UTC), the eve of the 2027 Spring Festival.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v faketime >/dev/null || { echo "faketime is missing: apt-get install faketime" >&2; exit 1; }
for at in '2026-12-05 16:30:00' '2026-12-31 16:30:00' '2027-02-05 02:00:00'; do
  echo "== the unit suite as of $at UTC"
  TZ=UTC faketime -f "@$at" npx jest --selectProjects unit
done
