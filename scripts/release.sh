#!/usr/bin/env bash
# Builds jianfu for the computers offices use, with no C toolchain (CGO_ENABLED=0), into dist/:
#   windows/amd64   dist/jianfu-VERSION-windows-amd64.zip   (jianfu.exe)
#   darwin/arm64    dist/jianfu-VERSION-macos-arm64.tar.gz  (Apple silicon)
#   darwin/amd64    dist/jianfu-VERSION-macos-amd64.tar.gz  (Intel Macs)
#   linux/amd64     dist/jianfu-VERSION-linux-amd64.tar.gz
# Each archive holds the program, README.md, README.en.md and docs/guide.md, plus SHA256SUMS beside
# them. The same commit gives the same binaries (-trimpath, no build ID, version from git).
#
#   scripts/release.sh            # build and package into dist/
#   scripts/release.sh --check    # CI: cross-compile every target into a temporary folder, package nothing
set -euo pipefail
cd "$(dirname "$0")/.."

targets="windows/amd64 darwin/arm64 darwin/amd64 linux/amd64"
version=$(git describe --tags --always --dirty 2>/dev/null || echo dev)
ldflags="-s -w -buildid= -X main.version=${version}"

check=false
if [ "${1:-}" = "--check" ]; then
  check=true
fi

if $check; then
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
else
  out=dist
  rm -rf "$out"
  mkdir -p "$out"
fi

for t in $targets; do
  goos=${t%/*}
  goarch=${t#*/}
  exe=jianfu
  [ "$goos" = windows ] && exe=jianfu.exe
  name="jianfu-${version}-${goos/darwin/macos}-${goarch}"
  dir="$out/$name"
  mkdir -p "$dir"
  echo "build $t" >&2
  CGO_ENABLED=0 GOOS=$goos GOARCH=$goarch go build -trimpath -ldflags "$ldflags" -o "$dir/$exe" ./cmd/jianfu
  if $check; then
    continue
  fi
  mkdir -p "$dir/docs"
  cp README.md README.en.md "$dir/"
  cp docs/guide.md docs/*.png "$dir/docs/" 2>/dev/null || true
  (
    cd "$out"
    if [ "$goos" = windows ]; then
      zip -qrX "$name.zip" "$name"
    else
      tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='1970-01-01' -czf "$name.tar.gz" "$name"
    fi
    rm -rf "$name"
  )
done

if ! $check; then
  (cd "$out" && sha256sum -- * > SHA256SUMS)
  ls -l "$out" >&2
fi
