#!/usr/bin/env bash
# Stops the single-node Slurm that tools/slurm/start.sh started, by the pids it recorded in its
# state folder (never by process name: other Slurms or munges on this machine are left alone).
#
# Usage: tools/slurm/stop.sh [STATE_DIR]        (default /tmp/dyn-slurm)
set -uo pipefail

state="${1:-/tmp/dyn-slurm}"
[ -d "$state" ] || { echo "slurm: no state folder $state; nothing to stop"; exit 0; }

# A zombie (exited, not yet reaped by the process that started it) answers kill -0 but is gone.
alive() { kill -0 "$1" 2>/dev/null && [ "$(ps -o stat= -p "$1" 2>/dev/null | cut -c1)" != "Z" ]; }

stop_one() {
  local name="$1" file="$state/$1.pid" pid
  [ -f "$file" ] || return 0
  pid="$(cat "$file")"
  if alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 50); do alive "$pid" || break; sleep 0.1; done
    if alive "$pid"; then
      echo "slurm: $name ($pid) ignored TERM; killing" >&2
      kill -KILL "$pid" 2>/dev/null
    fi
  fi
  rm -f "$file"
}

# slurmd first (it may still be running job steps), then the controller, then munge.
stop_one slurmd
stop_one slurmctld
stop_one munged

if [ -f "$state/linked" ]; then
  link="$(cat "$state/linked")"
  if [ -L "$link" ] && [ "$(readlink "$link")" = "$state/slurm.conf" ]; then rm -f "$link"; fi
  rm -f "$state/linked"
fi
echo "slurm: stopped (state $state)"
