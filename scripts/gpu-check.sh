#!/usr/bin/env bash
# Checks Cel Studio on a machine with a real NVIDIA GPU in under 8 minutes, offline: the GPU (nvidia-smi), the
# Vulkan loader and NVIDIA's Vulkan driver (ICD) that Dawn/WebGPU needs, the WebGPU adapters Dawn sees, the GPU
# test files (CEL_STUDIO_TEST_GPU=real), then `npm run bench gpu` sized to the time left, and one summary table.
# Run from anywhere with the repository's node_modules present (copied from a machine that ran `npm ci`); it
# downloads nothing. Each part runs under `timeout`; a part that fails is reported, and the others still run.
#
#   scripts/gpu-check.sh [--no-gpu-ok] [--quick] [--budget-s=N] [-- <bench gpu flags>]
#     --no-gpu-ok   no NVIDIA GPU is required (checks the flow on a CPU-only machine with a software adapter)
#     --quick       the bench's tiny settings (with software adapters); the default is the issue's cases
#     --budget-s=N  total seconds (default 470, under 8 minutes)
#     -- FLAGS      passed to the bench after the defaults (see bench/gpu/options.ts), e.g. -- --no-infer
# Exit status: 0 when every part ran and passed (a missed speed target is reported, not an error), 1 otherwise.
set -euo pipefail

NO_GPU_OK=0
QUICK=0
BUDGET_S=470
BENCH_EXTRA=()
while (($# > 0)); do
  case "$1" in
    --no-gpu-ok) NO_GPU_OK=1 ;;
    --quick) QUICK=1 ;;
    --budget-s=*) BUDGET_S=${1#*=} ;;
    --) shift; BENCH_EXTRA=("$@"); break ;;
    -h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "gpu-check: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
START=$SECONDS
LOGS=$(mktemp -d "${TMPDIR:-/tmp}/cel-gpu-check.XXXXXX")
# The repository's own Node (the `node` package) first: the box may have no Node or npm of its own.
export PATH="$ROOT/node_modules/.bin:$PATH"
export TSX_TSCONFIG_PATH="$ROOT/tsconfig.node.json"
# Dawn's Vulkan loader wants a private runtime folder; a root shell over ssh often has none.
if [[ -z "${XDG_RUNTIME_DIR:-}" || ! -d "${XDG_RUNTIME_DIR:-}" ]]; then
  export XDG_RUNTIME_DIR="/tmp/cel-xdg-$(id -u)"
  mkdir -p "$XDG_RUNTIME_DIR"
  chmod 700 "$XDG_RUNTIME_DIR"
fi
# The bench and the tests pick their backends themselves.
unset CEL_STUDIO_BACKEND

NAMES=()
RESULTS=()
TIMES=()
DETAILS=()
record() { NAMES+=("$1"); RESULTS+=("$2"); TIMES+=("$3"); DETAILS+=("$4"); }
seconds_left() { echo $((BUDGET_S - (SECONDS - START))); }
say() { printf '\n=== %s ===\n' "$*"; }

# run_part NAME MAX_SECONDS COMMAND...: runs COMMAND under timeout (at most what is left), its output shown and
# kept in $LOGS/NAME.log; sets PART_RC (124 = timed out) and PART_S.
run_part() {
  local name=$1 max=$2
  shift 2
  local left
  left=$(($(seconds_left) - 15))
  ((left < max)) && max=$left
  PART_S=0
  if ((max < 10)); then
    PART_RC=125
    echo "(no time left for $name)" | tee "$LOGS/$name.log"
    return 0
  fi
  local t0=$SECONDS
  set +e
  timeout --kill-after=15 "$max" "$@" 2>&1 | tee "$LOGS/$name.log"
  PART_RC=${PIPESTATUS[0]}
  set -e
  PART_S=$((SECONDS - t0))
  if ((PART_RC == 124 || PART_RC == 137)); then echo "($name: still running after ${max}s, ended)"; PART_RC=124; fi
  return 0
}

verdict_of() { # RC -> PASS / TIMEOUT / SKIP / FAIL
  case "$1" in
    0) echo PASS ;;
    124) echo TIMEOUT ;;
    125) echo SKIP ;;
    *) echo FAIL ;;
  esac
}

# --- 0. Node ---------------------------------------------------------------------------------------------------
if ! NODE_VERSION=$(node --version 2>/dev/null); then
  echo "gpu-check: no Node here: copy the repository with its node_modules (which hold Node 22 in node_modules/node)" >&2
  exit 1
fi
echo "Node $NODE_VERSION ($(command -v node)); logs in $LOGS"

# --- 1. The GPU -------------------------------------------------------------------------------------------------
say "GPU (nvidia-smi)"
t0=$SECONDS
GPU_NAME=""
if command -v nvidia-smi >/dev/null 2>&1 && GPU_LINE=$(timeout 30 nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>&1); then
  echo "$GPU_LINE"
  GPU_NAME=$(echo "$GPU_LINE" | head -n1 | cut -d, -f1)
  record gpu PASS $((SECONDS - t0)) "$(echo "$GPU_LINE" | head -n1)"
elif ((NO_GPU_OK)); then
  echo "no working nvidia-smi: going on without an NVIDIA GPU (--no-gpu-ok)"
  record gpu "SKIP" $((SECONDS - t0)) "no nvidia-smi (--no-gpu-ok)"
else
  echo "nvidia-smi is missing or failed${GPU_LINE:+: $GPU_LINE}: no NVIDIA driver here (use --no-gpu-ok to check the rest anyway)"
  record gpu FAIL $((SECONDS - t0)) "nvidia-smi missing or failed"
fi

# --- 2. Vulkan: the loader (libvulkan1) and NVIDIA's ICD -------------------------------------------------------
say "Vulkan loader and NVIDIA ICD"
t0=$SECONDS
has_lib() { ldconfig -p 2>/dev/null | grep -q "$1" || compgen -G "/usr/lib*/*/$1*" >/dev/null || compgen -G "/usr/lib*/$1*" >/dev/null; }
VULKAN_NOTE=""
if has_lib libvulkan.so.1; then
  echo "Vulkan loader: $(ldconfig -p 2>/dev/null | grep -m1 'libvulkan.so.1' | sed 's/.*=> //' || echo present)"
else
  echo "Vulkan loader (libvulkan.so.1, Debian/Ubuntu package libvulkan1) is missing: Dawn cannot reach any GPU without it."
  if command -v apt-get >/dev/null 2>&1; then
    echo "Trying apt-get install libvulkan1 from apt's local cache only (no download)..."
    if timeout 90 apt-get install -y --no-download libvulkan1 >"$LOGS/apt.log" 2>&1; then
      echo "installed libvulkan1 from the cache"
    else
      echo "apt could not install it offline ($(tail -n1 "$LOGS/apt.log")). Copy libvulkan1_*.deb for this release"
      echo "(e.g. from a machine with the same OS: apt-get download libvulkan1) and run: dpkg -i libvulkan1_*.deb"
    fi
  else
    echo "No apt-get here: install the Vulkan loader (libvulkan.so.1) with this system's package manager."
  fi
fi
ICD_DIRS=(/etc/vulkan/icd.d /usr/share/vulkan/icd.d /usr/local/share/vulkan/icd.d /usr/local/etc/vulkan/icd.d)
NV_ICD=""
for d in "${ICD_DIRS[@]}"; do
  for f in "$d"/nvidia*.json; do [[ -f "$f" ]] && { NV_ICD=$f; break 2; }; done
done
if [[ -n "$NV_ICD" ]]; then
  echo "NVIDIA ICD: $NV_ICD ($(grep -o '"library_path"[^,}]*' "$NV_ICD" | head -n1))"
elif has_lib libGLX_nvidia.so.0; then
  # The driver's Vulkan library is there but its manifest is not (some container images): write one.
  NV_ICD="$LOGS/nvidia_icd.json"
  printf '{ "file_format_version": "1.0.0", "ICD": { "library_path": "libGLX_nvidia.so.0", "api_version": "1.3" } }\n' >"$NV_ICD"
  export VK_ICD_FILENAMES="$NV_ICD" VK_DRIVER_FILES="$NV_ICD"
  echo "NVIDIA ICD: no nvidia_icd.json, but libGLX_nvidia.so.0 is present: using a written manifest $NV_ICD"
else
  VULKAN_NOTE="no NVIDIA Vulkan driver (nvidia_icd.json / libGLX_nvidia.so.0)"
  echo "No NVIDIA Vulkan ICD (nvidia_icd.json in ${ICD_DIRS[*]}) and no libGLX_nvidia.so.0."
  echo "The NVIDIA driver installs both; in a container they are mounted only with the graphics capability:"
  echo "start it with NVIDIA_DRIVER_CAPABILITIES=all (or compute,utility,graphics)."
fi
if has_lib libvulkan.so.1 && [[ -n "$NV_ICD" ]]; then
  record vulkan PASS $((SECONDS - t0)) "loader + $(basename "$NV_ICD")"
elif ((NO_GPU_OK)); then
  record vulkan SKIP $((SECONDS - t0)) "${VULKAN_NOTE:-no Vulkan loader} (--no-gpu-ok)"
else
  record vulkan FAIL $((SECONDS - t0)) "${VULKAN_NOTE:-no Vulkan loader (libvulkan1)}"
fi

# --- 3. WebGPU adapters as Dawn sees them ----------------------------------------------------------------------
say "WebGPU adapters (Dawn)"
run_part adapters 60 node --import tsx bench/gpu/child.ts '{"job":"list"}'
ADAPTERS=$(grep '^RESULT ' "$LOGS/adapters.log" | head -n1 | cut -c8- || true)
REAL_ADAPTER=""
if [[ -n "$ADAPTERS" ]]; then
  node -e '
    const s = JSON.parse(process.argv[1]);
    for (const a of s.adapters) console.log(`  ${a.software ? "software" : "GPU     "}  ${a.name}  (${a.api}, vendor ${a.vendor}, buffers up to ${(a.maxBufferSize / 2 ** 30).toFixed(1)} GiB)`);
    for (const p of s.problems) console.log(`  problem: ${p}`);' "$ADAPTERS"
  REAL_ADAPTER=$(node -e 'const a = JSON.parse(process.argv[1]).adapters.find((x) => !x.software); if (a) console.log(a.name)' "$ADAPTERS")
fi
if [[ -n "$REAL_ADAPTER" ]]; then
  record adapters PASS "$PART_S" "$REAL_ADAPTER"
elif ((NO_GPU_OK)) && ((PART_RC == 0)); then
  record adapters SKIP "$PART_S" "no real GPU adapter (--no-gpu-ok)"
else
  record adapters "$( ((PART_RC == 0)) && echo FAIL || verdict_of "$PART_RC")" "$PART_S" "no real GPU adapter"
fi

# --- 4. GPU tests ----------------------------------------------------------------------------------------------
say "GPU tests (vitest)"
TESTS=()
for f in test/integration/training/trainer-webgpu.test.ts test/integration/engine-stylize/webgpu-inference.test.ts test/integration/training/webgpu-exit.test.ts; do
  [[ -f "$f" ]] && TESTS+=("$f")
done
[[ -d "$ROOT/../shared/weights" ]] || echo "note: $ROOT/../shared/weights is missing: tests that need those weights skip"
if ((${#TESTS[@]} == 0)); then
  record tests SKIP 0 "no GPU test files"
else
  # With --no-gpu-ok the software adapter is all there is, so the tests may use it.
  GPU_ENV=(CEL_STUDIO_TEST_GPU=real)
  ((NO_GPU_OK)) && GPU_ENV=()
  run_part tests 170 env "${GPU_ENV[@]}" vitest run "${TESTS[@]}"
  SUMMARY=$(sed 's/\x1b\[[0-9;]*m//g' "$LOGS/tests.log" | grep -E '^ *Tests +[0-9]' | tail -n1 | sed 's/^ *//' || true)
  record tests "$(verdict_of "$PART_RC")" "$PART_S" "${SUMMARY:-see $LOGS/tests.log}"
fi

# --- 5. The GPU benchmark --------------------------------------------------------------------------------------
LEFT=$(($(seconds_left) - 20))
DEADLINE="--deadline-s=$((LEFT > 40 ? LEFT - 25 : 15))"
# One timed run after the warm-up, more while under 3 s: many on a GPU, one on the CPU (a wasm 128 px batch-4
# step takes ~35 s on 2 cores); CPU cases over 45 s are scaled from the smaller size (marked est.).
BENCH_FLAGS=(--runs=1 --min-s=3 --cpu-budget-s=45 --child-timeout-s=150 "$DEADLINE")
((QUICK)) && BENCH_FLAGS=(--quick --include-software --child-timeout-s=150 "$DEADLINE")
say "npm run bench gpu -- ${BENCH_FLAGS[*]} ${BENCH_EXTRA[*]}"
# What `npm run bench` runs, without npm (the box may have none) and in one process, so the timeout ends it.
run_part bench "$LEFT" node --import tsx bench/run.ts gpu "${BENCH_FLAGS[@]}" "${BENCH_EXTRA[@]}"
TARGET_LINES=$(grep -E '^(PASS|MISS)  ' "$LOGS/bench.log" || true)
MEASURED=$(grep -cE '^(tfjs|onnxruntime).* (steps|frames)/s' "$LOGS/bench.log" || true)
FAILED=$(grep -cE '^(tfjs|onnxruntime).*failed: ' "$LOGS/bench.log" || true)
record bench "$(verdict_of "$PART_RC")" "$PART_S" "${MEASURED:-0} rows with a number (est. included), ${FAILED:-0} failed"

# --- Summary ---------------------------------------------------------------------------------------------------
say "Summary (${GPU_NAME:-no NVIDIA GPU}; $((SECONDS - START)) s of ${BUDGET_S} s; logs in $LOGS)"
printf '%-9s  %-7s  %5s  %s\n' part result s detail
printf '%-9s  %-7s  %5s  %s\n' --------- ------- ----- ------
STATUS=0
for i in "${!NAMES[@]}"; do
  printf '%-9s  %-7s  %5s  %s\n' "${NAMES[$i]}" "${RESULTS[$i]}" "${TIMES[$i]}" "${DETAILS[$i]}"
  case "${RESULTS[$i]}" in FAIL | TIMEOUT) STATUS=1 ;; esac
done
if [[ -n "$TARGET_LINES" ]]; then
  echo
  echo "$TARGET_LINES"
fi
exit "$STATUS"
