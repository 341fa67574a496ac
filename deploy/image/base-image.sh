#!/usr/bin/env bash
# Builds HuRen's container base image from Debian packages alone — no registry, no daemon (ADR 0018):
# a Debian 12 (bookworm) root file system with openjdk-17-jre-headless, curl (for compose health checks) and the
# non-root user huren (uid and gid 10001), made by mmdebstrap, written as a `docker save` archive that Jib reads
# as its base (`tar://…`). The Maven build turns Jib on in the api module when the archive exists
# (profile `image`, api/pom.xml).
#
#   sudo deploy/image/base-image.sh [OUTPUT]     # default OUTPUT: deploy/image/target/huren-base.tar
#
# Needs root (mmdebstrap --mode=root) and `apt-get install mmdebstrap`. MIRROR and SECURITY_MIRROR name the
# Debian mirrors (a hospital network's own mirror, say); the security suite makes the JRE the patched one.
# SOURCE_DATE_EPOCH (default: the newest commit's time) makes file times and the image's creation time stable.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
output="${1:-$here/target/huren-base.tar}"
mirror="${MIRROR:-http://deb.debian.org/debian}"
security_mirror="${SECURITY_MIRROR:-http://deb.debian.org/debian-security}"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git -C "$here" log -1 --format=%ct 2>/dev/null || date +%s)}"

# The root file system is put together in memory when it can (/dev/shm): dpkg's many small writes and fsyncs cost
# minutes on a busy disk, and the result is written once, as a tar.
[ -w /dev/shm ] && export TMPDIR="${TMPDIR:-/dev/shm}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$(dirname "$output")"

# minbase: Essential and apt only; no recommends, no manuals, docs (but copyrights) or translations.
# openjdk's postinst registers its manual page with update-alternatives and fails without the directory.
mmdebstrap --mode=root --variant=minbase --format=tar --quiet \
  --include=openjdk-17-jre-headless,ca-certificates,curl \
  --aptopt='APT::Install-Recommends "false"' \
  --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/info/*' \
  --essential-hook='mkdir -p "$1/usr/share/man/man1"' \
  --customize-hook='chroot "$1" groupadd --system --gid 10001 huren' \
  --customize-hook='chroot "$1" useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/huren --create-home --shell /usr/sbin/nologin huren' \
  --customize-hook='rm -rf "$1/usr/share/man/man1" "$1"/var/log/*.log "$1"/var/cache/debconf/*-old "$1"/var/lib/dpkg/*-old' \
  bookworm "$work/layer.tar" \
  "deb $mirror bookworm main" "deb $mirror bookworm-updates main" "deb $security_mirror bookworm-security main"

# The `docker save` layout: one layer (the root file system), its config (which names the layer by the sha256 of
# its uncompressed tar) and a manifest naming both.
layer_sha="$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
jre_version="$(tar -xOf "$work/layer.tar" ./var/lib/dpkg/status \
  | awk '/^Package: openjdk-17-jre-headless$/ {p = 1} p && /^Version:/ {print $2; exit}')"
created="$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)"
mkdir "$work/image" "$work/image/$layer_sha"
mv "$work/layer.tar" "$work/image/$layer_sha/layer.tar"
cat > "$work/config.json" <<EOF
{"architecture":"amd64","os":"linux","created":"$created",
 "config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","LANG=C.UTF-8"],
  "Labels":{"org.opencontainers.image.base.name":"debian:bookworm (mmdebstrap minbase)",
            "org.huren.base.jre":"openjdk-17-jre-headless $jre_version"}},
 "rootfs":{"type":"layers","diff_ids":["sha256:$layer_sha"]},
 "history":[{"created":"$created","created_by":"deploy/image/base-image.sh (mmdebstrap bookworm minbase + openjdk-17-jre-headless $jre_version)"}]}
EOF
config_sha="$(sha256sum "$work/config.json" | cut -d' ' -f1)"
mv "$work/config.json" "$work/image/$config_sha.json"
printf '[{"Config":"%s.json","RepoTags":["huren-base:bookworm"],"Layers":["%s/layer.tar"]}]\n' \
  "$config_sha" "$layer_sha" > "$work/image/manifest.json"
# entries named without a leading ./ (Jib refuses to unpack one)
tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner \
  -C "$work/image" -cf "$output.partial" manifest.json "$config_sha.json" "$layer_sha"
mv "$output.partial" "$output"
echo "base image: $output ($(du -h "$output" | cut -f1); openjdk-17-jre-headless $jre_version)"
