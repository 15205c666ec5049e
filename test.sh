#!/usr/bin/env bash
# Runs the whole Palisade test suite, as CI does (.ci/run calls this script).
#
# As root (CI, or `sudo ./test.sh`) it first installs what the tests need from Debian — nftables, hping3,
# chromium, libpcap, Debian's OWASP CRS 3.3.4 — and the network tests run in their own network namespaces.
# As another user, the tests that need root report themselves as skipped, with the reason.
#
# Ends with one line: "N passed, M failed[, K skipped]", and exits non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")"

packages=(nftables hping3 chromium libpcap0.8 iproute2 modsecurity-crs)
if [ "$(id -u)" = 0 ]; then
  missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing test prerequisites: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || { echo "apt-get install ${missing[*]} failed" >&2; exit 1; }
  fi
else
  echo "Not root: tests that need network namespaces, nftables or packet capture will be skipped." >&2
fi

# The WAF tests read OWASP CRS from ../shared next to the repository. A clone made elsewhere from a local checkout
# (git clone /work/main /tmp/fresh) finds it next to the checkout it was cloned from.
if [ -z "${PALISADE_CRS_DIR:-}" ] && [ ! -d ../shared/crs/v4.28.0 ]; then
  origin=$(git config --get remote.origin.url 2>/dev/null || true)
  if [ -n "$origin" ] && [ -d "$origin/../shared/crs/v4.28.0" ]; then
    PALISADE_CRS_DIR=$(cd "$origin/../shared/crs/v4.28.0" && pwd)
    export PALISADE_CRS_DIR
  fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet tool restore >/dev/null || { echo "dotnet tool restore failed" >&2; exit 1; }
dotnet build Palisade.slnx -c Release -nologo -clp:ErrorsOnly || { echo "0 passed, 1 failed (build)"; exit 1; }

log=$(mktemp)
trap 'rm -f "$log"' EXIT
# One test assembly at a time (-m:1): the WAF suites compile CRS's regexes and run Kestrel hosts flat out, and on two
# cores that starved the browser and network tests of the end-to-end assembly when they ran side by side.
dotnet test Palisade.slnx -c Release --no-build -nologo -m:1 "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
# dotnet test prints one "Passed!/Failed! - Failed: F, Passed: P, Skipped: S, …" line per test assembly; sum them.
awk '/^(Passed|Failed)! +- Failed:/ { gsub(",", ""); f += $4; p += $6; s += $8 }
     END { if (s > 0) printf "%d passed, %d failed, %d skipped\n", p, f, s; else printf "%d passed, %d failed\n", p, f }' "$log"
exit "$rc"
