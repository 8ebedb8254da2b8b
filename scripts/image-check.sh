#!/usr/bin/env bash
# Builds Berth's OCI image with Jib where no registry can be reached, and checks it.
#
# The image profile's default base (eclipse-temurin:17-jre) comes from Docker Hub. This script
# makes a stand-in base instead: a jlink'd Java 17 runtime at /opt/java/openjdk (where the Temurin
# image has it) plus the glibc files it links against, saved as a `docker save` tarball, and hands
# it to Jib as tar://. Then it lists the image's layers and config, unpacks the layers in order into
# a root filesystem and runs the image's own entrypoint there with chroot (root only; skipped
# otherwise): `berth validate` on the bundled samples must pass.
#
# Usage: scripts/image-check.sh [WORKDIR]    (needs jlink, jq, sha256sum, Maven)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${1:-$(mktemp -d)}"
mkdir -p "$WORK"
BASE="$WORK/base-rootfs"
rm -rf "$BASE" "$WORK/base" "$WORK/image" "$WORK/rootfs"
mkdir -p "$BASE" "$WORK/base" "$WORK/image" "$WORK/rootfs"

echo "image-check: jlink'd runtime and its glibc files as the base" >&2
JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
jlink --module-path "$JAVA_HOME/jmods" --add-modules ALL-MODULE-PATH \
  --strip-debug --no-header-files --no-man-pages --output "$BASE/opt/java/openjdk"
find "$BASE/opt/java/openjdk" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 |
  xargs -0 ldd 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\/.*ld-linux/ {print $1}' |
  sort -u | while read -r lib; do cp --parents -L "$lib" "$BASE"; done
mkdir -p "$BASE/tmp" "$BASE/etc"
chmod 1777 "$BASE/tmp"
echo 'root:x:0:0:root:/root:/sbin/nologin' > "$BASE/etc/passwd"

tar --sort=name --owner=0 --group=0 --numeric-owner -C "$BASE" -cf "$WORK/base/layer.tar" .
DIFF_ID="sha256:$(sha256sum "$WORK/base/layer.tar" | cut -d' ' -f1)"
jq -n --arg diff "$DIFF_ID" '{
  architecture: "amd64", os: "linux",
  config: {Env: ["PATH=/opt/java/openjdk/bin:/usr/bin:/bin", "JAVA_HOME=/opt/java/openjdk"]},
  rootfs: {type: "layers", diff_ids: [$diff]}}' > "$WORK/base/config.json"
jq -n '[{Config: "config.json", RepoTags: ["berth-check-base:17"], Layers: ["layer.tar"]}]' > "$WORK/base/manifest.json"
tar -C "$WORK/base" -cf "$WORK/base.tar" manifest.json config.json layer.tar

echo "image-check: mvn -Pimage package with -Djib.from.image=tar://$WORK/base.tar" >&2
(cd "$ROOT" && mvn -B -ntp -q -Pimage -DskipTests -pl reconciler -am package \
  -Djib.from.image="tar://$WORK/base.tar" -Djib.to.image=berth:check) 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2
IMAGE="$ROOT/reconciler/target/jib-image.tar"

tar -C "$WORK/image" -xf "$IMAGE"
echo "== $IMAGE ($(du -h "$IMAGE" | cut -f1)): files" ; tar -tvf "$IMAGE"
blob() { echo "$WORK/image/blobs/sha256/${1#sha256:}"; }
echo "== index.json (OCI layout)"; jq . "$WORK/image/index.json"
MANIFEST="$(blob "$(jq -r '.manifests[0].digest' "$WORK/image/index.json")")"
echo "== manifest"; jq . "$MANIFEST"
CONFIG="$(blob "$(jq -r '.config.digest' "$MANIFEST")")"
echo "== config: platform, entrypoint, command, environment, working directory, labels, layers"
jq '{architecture, os, Entrypoint: .config.Entrypoint, Cmd: .config.Cmd, Env: .config.Env,
     WorkingDir: .config.WorkingDir, Labels: .config.Labels, layers: (.rootfs.diff_ids | length),
     history: [.history[] | .created_by // .comment]}' "$CONFIG"
echo "== layers: compressed size, entries, first entries"
LAYERS=()
for digest in $(jq -r '.layers[].digest' "$MANIFEST"); do
  LAYERS+=("$(blob "$digest")")
  echo "-- $digest ($(du -h "$(blob "$digest")" | cut -f1), $(tar --warning=no-unknown-keyword -tzf "$(blob "$digest")" | wc -l) entries)"
  tar --warning=no-unknown-keyword -tzf "$(blob "$digest")" | awk 'NR <= 4'
done

if [ "$(id -u)" != 0 ]; then
  echo "image-check: not root, so the image is not run (chroot needs root)" >&2
  exit 0
fi
for layer in "${LAYERS[@]}"; do
  tar --warning=no-unknown-keyword -C "$WORK/rootfs" -xzf "$layer"
done
mkdir -p "$WORK/rootfs/samples"
cp -r "$ROOT/samples-repo/." "$WORK/rootfs/samples/"
CHROOT="$(command -v chroot)"
# The JVM's launcher finds libjli.so through $ORIGIN, which needs /proc, as in any container.
mkdir -p "$WORK/rootfs/proc"
mount -t proc proc "$WORK/rootfs/proc"
trap 'umount "$WORK/rootfs/proc"' EXIT
mapfile -t ENTRY < <(jq -r '.config.Entrypoint[]' "$CONFIG")
mapfile -t ENV < <(jq -r '.config.Env[]' "$CONFIG")
echo "== the image's entrypoint and default command in the unpacked image: ${ENTRY[*]} $(jq -r '.config.Cmd | join(" ")' "$CONFIG")"
mapfile -t CMD < <(jq -r '.config.Cmd[]' "$CONFIG")
env -i "${ENV[@]}" "$CHROOT" "$WORK/rootfs" "${ENTRY[@]}" "${CMD[@]}" | awk 'NR <= 3'
echo "== the entrypoint with: validate /samples"
env -i "${ENV[@]}" "$CHROOT" "$WORK/rootfs" "${ENTRY[@]}" validate /samples
echo "== and with an invalid stack (expect exit 1 and one line per error)"
sed -i 's/cpu: .*/cpu: 8/' "$WORK/rootfs/samples/stacks/shop.yaml"
set +e
env -i "${ENV[@]}" "$CHROOT" "$WORK/rootfs" "${ENTRY[@]}" validate /samples
echo "exit $?"
