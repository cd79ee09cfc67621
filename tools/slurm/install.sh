#!/usr/bin/env bash
# Installs Debian's single-node Slurm (slurmctld, slurmd, slurm-client, munge) without starting
# any service: tools/slurm/start.sh starts the daemons itself (no systemd here or in CI).
#
# Exit codes: 0 installed (or already there); 2 cannot install here (not root, no apt-get, or the
# packages are unavailable) — callers treat 2 as "skip loudly", never as success.
set -uo pipefail

have_all() {
  command -v sbatch >/dev/null && command -v slurmctld >/dev/null \
    && command -v slurmd >/dev/null && command -v munged >/dev/null
}

if have_all; then
  echo "slurm: already installed ($(slurmctld -V 2>/dev/null))"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "slurm: cannot install: not root" >&2
  exit 2
fi
if ! command -v apt-get >/dev/null; then
  echo "slurm: cannot install: no apt-get on this machine" >&2
  exit 2
fi

export DEBIAN_FRONTEND=noninteractive
# policy-rc.d 101 keeps the packages' maintainer scripts from starting services during install.
policy=/usr/sbin/policy-rc.d
made_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && made_policy=1
fi
cleanup() { [ "$made_policy" = 1 ] && rm -f "$policy"; }
trap cleanup EXIT

install_pkgs() {
  apt-get install -y -q --no-install-recommends slurmctld slurmd slurm-client munge
}
if ! install_pkgs >/tmp/dyn-slurm-install.log 2>&1; then
  echo "slurm: first install attempt failed; running apt-get update" >&2
  if ! apt-get update -q >>/tmp/dyn-slurm-install.log 2>&1 || ! install_pkgs >>/tmp/dyn-slurm-install.log 2>&1; then
    tail -n 20 /tmp/dyn-slurm-install.log >&2
    echo "slurm: cannot install: apt-get failed (log: /tmp/dyn-slurm-install.log)" >&2
    exit 2
  fi
fi
if ! have_all; then
  echo "slurm: cannot install: packages installed but commands are missing" >&2
  exit 2
fi
echo "slurm: installed ($(slurmctld -V 2>/dev/null))"
