#!/usr/bin/env bash
# `npm test`: installs what the tests need from Debian (as root, only when missing), then runs
# every Vitest project (unit, db, browser). Extra arguments go to vitest, e.g.
#   npm test -- --project unit
set -euo pipefail
cd "$(dirname "$0")/.."

# mariadb-server: the db/browser tests start private servers; chromium: browser tests;
# fonts-dejavu-core: readable text in headless screenshots; nginx and openssl: the reverse-proxy
# browser test runs its own nginx (never the system's service) with a self-signed certificate.
packages=(mariadb-server mariadb-client chromium fonts-dejavu-core nginx openssl)
missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]} > 0)); then
  if [[ $(id -u) -eq 0 ]]; then
    echo "test.sh: installing ${missing[*]} (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends "${missing[@]}"
  else
    echo "test.sh: missing Debian packages: ${missing[*]}" >&2
    echo "test.sh: install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

started=$(date +%s)
status=0
npx vitest run "$@" || status=$?
elapsed=$(($(date +%s) - started))
if ((status == 0)); then
  echo "test.sh: all selected test projects passed in ${elapsed}s"
else
  echo "test.sh: FAILED (vitest exit ${status}) after ${elapsed}s" >&2
fi
exit "$status"
