#!/usr/bin/env bash
# Checks rnnkit's whole CUDA path on a machine with an NVIDIA GPU, with one command:
# builds the self-contained -Pcuda,cuda-redist jar, prints `rnnkit env`, trains waves for one epoch and runs the quick benchmark.
# It prints everything, then one line per step saying plainly whether it worked.
# Needs JDK 17, Maven (with access to Maven Central) and an NVIDIA driver for CUDA 11.6
# (510.39 or newer; 450.80.02 or newer through CUDA's minor-version compatibility).
set -uo pipefail
cd "$(dirname "$0")/.."

results=()
record() { results+=("$(printf '%-28s %s' "$1" "$2")"); }
run_step() {
  local name="$1"; shift
  echo; echo "=== $name: $*"
  if "$@"; then record "$name" "OK"; else record "$name" "FAILED (exit $?)"; fi
}

echo "=== GPU and driver"
if command -v nvidia-smi >/dev/null; then
  nvidia-smi --query-gpu=name,driver_version,memory.total,compute_cap --format=csv
  record "nvidia-smi" "OK"
else
  echo "nvidia-smi not found: no NVIDIA driver on this machine"
  record "nvidia-smi" "MISSING (no NVIDIA driver)"
fi
if nvidia-smi --query-gpu=compute_cap --format=csv,noheader 2>/dev/null | grep -q '^9\.'; then
  echo "note: this is a Hopper GPU (sm_90); ND4J's CUDA 11.6 kernels predate it and run only if the driver can JIT their PTX"
fi

cuda_jar=apps/target/rnnkit-cuda.jar
build() { mvn -q -B -Pcuda,cuda-redist -DskipTests package && cp apps/target/rnnkit.jar "$cuda_jar"; }
run_step "build (-Pcuda,cuda-redist)" build

if [[ -f "$cuda_jar" ]]; then
  export RNNKIT_JAR="$cuda_jar"
  run_step "rnnkit env" ./rnnkit --verbose env
  run_step "train waves, 1 epoch" ./rnnkit train waves --epochs 1 --out "runs/gpu-smoke-waves-$(date +%Y%m%d-%H%M%S)"
  run_step "bench --quick" ./rnnkit bench --quick
  echo
  echo "note: apps/target/rnnkit.jar is now the CUDA build too; rebuild the CPU one with: mvn -q -DskipTests package"
fi

echo
echo "=== GPU smoke summary"
printf '%s\n' "${results[@]}"
if printf '%s\n' "${results[@]}" | grep -qv ' OK$'; then
  echo "RESULT: the CUDA path does NOT fully work on this machine (see the steps above)"
  exit 1
fi
echo "RESULT: the CUDA path works on this machine"
