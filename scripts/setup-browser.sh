#!/usr/bin/env bash
# Browser tests need Debian's Chromium and CJK fonts. Installs them when missing
# (no browser download from elsewhere: the machine reaches only Debian's mirrors).
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
[ ${#need[@]} -eq 0 ] && exit 0
echo "安装浏览器测试所需的软件包：${need[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
[ -x /usr/bin/chromium ] || { echo "Chromium 安装失败：/usr/bin/chromium 不存在" >&2; exit 1; }
