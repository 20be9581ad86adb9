#!/usr/bin/env bash
# The first command on a fresh Debian machine (README): everything `npm test` needs.
# - Debian's Chromium and Firefox ESR, which the end-to-end tests drive (no test tool downloads
#   a browser of its own);
# - their Chinese language packs (extension pages follow the browser's UI language, and the
#   tests check the zh_CN pages) and a CJK font for the screenshots;
# - the npm dependencies, then the build.
# Packages already present are not reinstalled; installing needs root (or sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -f /usr/lib/chromium/locales/zh-CN.pak ] || missing+=(chromium-l10n)
[ -x /usr/lib/firefox-esr/firefox-esr ] || missing+=(firefox-esr)
ls /usr/lib/firefox-esr/browser/extensions/langpack-zh-CN@* >/dev/null 2>&1 || missing+=(firefox-esr-l10n-zh-cn)
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || missing+=(fonts-noto-cjk)

if [ ${#missing[@]} -gt 0 ]; then
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "Installing ${missing[*]} needs root: run this as root or install sudo." >&2; exit 1; }
    sudo=(sudo)
  fi
  echo "Installing ${missing[*]} from Debian's packages"
  "${sudo[@]}" apt-get update
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

npm ci
npm run build
