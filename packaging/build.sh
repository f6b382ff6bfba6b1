#!/usr/bin/env bash
# Build the one-folder bundle (dist/leaderjournal/) and prove that it works:
# --version, then a journal created, an entry added and exported as CSV, all
# with the bundled program and no display.
#
#   bash packaging/build.sh            # uses the python on PATH
#   PYTHON=.venv/bin/python bash packaging/build.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python}

"$PYTHON" -m pip install --quiet "pyinstaller>=6.10" .
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/leaderjournal.spec

bundle=dist/leaderjournal/leaderjournal
"$bundle" --version

# The smoke run: a fresh journal, one entry imported, exported back as CSV,
# and the window opened offscreen and closed again.
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
printf '%s\n' \
  'id,date,created_at,updated_at,title,text,influence,followers,growth,relationship,mentor,lean,advice_requests,tags' \
  ',2026-11-29,,,Smoke test,Delegated the release,2,,,,-1,,1,bundle' > "$data/in.csv"
"$bundle" --data-dir "$data/journal" import "$data/in.csv"
"$bundle" --data-dir "$data/journal" export - | tee "$data/out.csv"
grep -q "Smoke test,Delegated the release,2,,,,-1,25.0,1,bundle" "$data/out.csv"
QT_QPA_PLATFORM=offscreen LEADERJOURNAL_QUIT_AFTER_START=1 \
  "$bundle" --data-dir "$data/journal"

# The same journal encrypted (SQLCipher, carried by the bundle): read back
# with its passphrase on the command line and in the window.
printf 'smoke passphrase\nsmoke passphrase\n' |
  "$bundle" --data-dir "$data/journal" encrypt --no-recovery-key --passphrase-stdin
if head -c 16 "$data/journal/journal.db" | grep -q "SQLite format 3"; then
  echo "bundle smoke run: the journal was not encrypted" >&2
  exit 1
fi
printf 'smoke passphrase\n' |
  "$bundle" --data-dir "$data/journal" --passphrase-stdin export - > "$data/out2.csv"
grep -q "Smoke test,Delegated the release,2,,,,-1,25.0,1,bundle" "$data/out2.csv"
printf 'smoke passphrase\n' | QT_QPA_PLATFORM=offscreen LEADERJOURNAL_QUIT_AFTER_START=1 \
  "$bundle" --data-dir "$data/journal" --passphrase-stdin
echo "bundle smoke run: ok"
