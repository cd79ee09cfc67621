#!/usr/bin/env bash
# Starts a single-node Slurm on this machine for dyn's cluster tests and for trying
# `dyn sweep --on slurm` without a cluster: munged, slurmctld and slurmd, in the background, each
# with its own socket, ports, spool and logs under a state folder, so that it never touches a
# system-wide Slurm or munge. tools/slurm/stop.sh stops exactly these processes by their pids.
#
# Usage: tools/slurm/start.sh [STATE_DIR]        (default /tmp/dyn-slurm)
# Environment: DYN_SLURM_CTLD_PORT (default 6817), DYN_SLURM_SLURMD_PORT (default 6818),
#              DYN_SLURM_CPUS (default: nproc).
# Clients find this Slurm through SLURM_CONF=STATE_DIR/slurm.conf (printed at the end, and written
# to STATE_DIR/env); /etc/slurm/slurm.conf is linked to it only when no such file exists.
#
# Exit codes: 0 running and the node idle; 1 failed to start (logs named); 2 Slurm not installed.
set -euo pipefail

state="${1:-/tmp/dyn-slurm}"
ctld_port="${DYN_SLURM_CTLD_PORT:-6817}"
slurmd_port="${DYN_SLURM_SLURMD_PORT:-6818}"
cpus="${DYN_SLURM_CPUS:-$(nproc)}"

for cmd in munged slurmctld slurmd sinfo; do
  command -v "$cmd" >/dev/null || { echo "slurm: $cmd not installed (run tools/slurm/install.sh)" >&2; exit 2; }
done

mkdir -p "$state"
state="$(cd "$state" && pwd)"
alive() { [ -f "$state/$1.pid" ] && kill -0 "$(cat "$state/$1.pid")" 2>/dev/null; }
if alive slurmctld && alive slurmd && alive munged; then
  echo "slurm: already running (state $state)"
  echo "export SLURM_CONF=$state/slurm.conf"
  exit 0
fi

chmod 0755 "$state"
rm -rf "$state/ctld" "$state/slurmd" "$state/munge"
mkdir -p "$state/ctld" "$state/slurmd" "$state/munge"
chmod 0700 "$state/munge"

# munge: a fresh key and a private socket.
head -c 1024 /dev/urandom > "$state/munge/munge.key"
chmod 0400 "$state/munge/munge.key"

user="$(id -un)"
cat > "$state/slurm.conf" <<CONF
# Written by dyn's tools/slurm/start.sh: a single-node Slurm for tests.
ClusterName=dyn
SlurmctldHost=localhost
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=$user
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$state/munge/munge.socket
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/slurmd
SlurmctldPidFile=$state/ctld/slurmctld.pid.internal
SlurmdPidFile=$state/slurmd/slurmd.pid.internal
SlurmctldLogFile=$state/slurmctld.log
SlurmdLogFile=$state/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
SlurmdTimeout=60
InactiveLimit=0
KillWait=5
MinJobAge=300
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
echo "export SLURM_CONF=$state/slurm.conf" > "$state/env"
export SLURM_CONF="$state/slurm.conf"

if [ ! -e /etc/slurm/slurm.conf ] && [ -w /etc/slurm ] 2>/dev/null; then
  ln -s "$state/slurm.conf" /etc/slurm/slurm.conf && echo /etc/slurm/slurm.conf > "$state/linked"
fi

fail() {
  echo "slurm: $1" >&2
  for log in munged.log slurmctld.log slurmd.log; do
    [ -f "$state/$log" ] && { echo "--- $state/$log (last lines)" >&2; tail -n 15 "$state/$log" >&2; }
  done
  "$(dirname "${BASH_SOURCE[0]}")/stop.sh" "$state" >&2 || true
  exit 1
}

# Each daemon runs in the foreground of a background job, so $! is the daemon's own pid.
munged -F --force --socket="$state/munge/munge.socket" --key-file="$state/munge/munge.key" \
  --log-file="$state/munged.log" --pid-file="$state/munge/munged.pid" \
  --seed-file="$state/munge/munged.seed" </dev/null >>"$state/munged.out" 2>&1 &
echo $! > "$state/munged.pid"
for _ in $(seq 50); do [ -S "$state/munge/munge.socket" ] && break; sleep 0.1; done
[ -S "$state/munge/munge.socket" ] || fail "munged did not start"

slurmctld -D -c -f "$state/slurm.conf" </dev/null >>"$state/slurmctld.out" 2>&1 &
echo $! > "$state/slurmctld.pid"
slurmd -D -N localhost -f "$state/slurm.conf" </dev/null >>"$state/slurmd.out" 2>&1 &
echo $! > "$state/slurmd.pid"

for _ in $(seq 150); do
  alive slurmctld || fail "slurmctld exited"
  alive slurmd || fail "slurmd exited"
  nodestate="$(sinfo -h -N -n localhost -o '%t' 2>/dev/null | head -n 1 || true)"
  if [ "$nodestate" = idle ]; then
    echo "slurm: running, node localhost idle ($cpus CPUs, state $state)"
    echo "export SLURM_CONF=$state/slurm.conf"
    exit 0
  fi
  sleep 0.2
done
fail "node localhost not idle after 30 s (state: ${nodestate:-none})"
