#!/usr/bin/env bash
# Local stand-ins for the public images the samples name (nginx, redis, ghost), for trying
# `berth demo --docker` on a machine whose engine cannot pull from a registry (as the project's
# own machines): each is a busybox root file system (Debian's busybox-static) whose /start serves
# HTTP on the port its service declares. Prints the demo command that uses them.
set -euo pipefail
busybox="${BUSYBOX:-/bin/busybox}"
docker_host="${DOCKER_HOST:-unix:///var/run/docker.sock}"
if ! file -L "$busybox" 2>/dev/null | grep -q 'statically linked'; then
  echo "need a static busybox at $busybox (apt-get install busybox-static)" >&2
  exit 1
fi
for port in 80 6379 2368; do
  root="$(mktemp -d)"
  mkdir -p "$root/bin" "$root/www" "$root/tmp"
  cp "$busybox" "$root/bin/busybox"
  for applet in sh httpd echo cat ls sleep nc wget; do ln -s busybox "$root/bin/$applet"; done
  echo "berth stand-in on port $port" > "$root/www/index.html"
  printf '#!/bin/sh\necho "stand-in for port %s starting"\nexec httpd -f -p %s -h /www\n' "$port" "$port" > "$root/start"
  chmod 755 "$root/start"
  tar -C "$root" -c . | docker -H "$docker_host" import -c 'CMD ["/start"]' - "berth-local/httpd:$port" >/dev/null
  rm -rf "$root"
  echo "built berth-local/httpd:$port"
done
echo
echo "./berth demo --docker --image ghcr.io/acme/web:1.4.2=berth-local/httpd:80 --image redis:7.2=berth-local/httpd:6379 --image ghost:5.80=berth-local/httpd:2368"
