#!/usr/bin/env bash
# Debian packages letdown needs, installed with apt when missing.
#   runtime: Pango and a font, which the consultation report's PDF (WeasyPrint) draws with.
#   dev:     also the PostgreSQL server binaries (initdb, pg_ctl), Chromium for the browser
#            tests and poppler-utils (pdftoppm) to render report pages in tests.
# Without root (or apt) the runtime set is only a warning: everything but the PDF works.
set -euo pipefail
mode="${1:-dev}"
need=()
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_lib libpango-1.0.so.0 || need+=(libpango-1.0-0)
have_lib libpangoft2-1.0.so.0 || need+=(libpangoft2-1.0-0)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
if [ "$mode" = "dev" ]; then
  command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
fi
if [ "${#need[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "system-deps: missing ${need[*]}; install them with apt (the PDF report needs them)" >&2
    [ "$mode" = "runtime" ] && exit 0
    exit 1
  fi
  echo "system-deps: installing ${need[*]} with apt" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
