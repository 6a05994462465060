#!/usr/bin/env bash
# ./dispatch package: publish the host for Linux x64 and write the Azure Functions custom-handler app
# (host.json, one folder per function, the handler binary) to .data/package/app and a zip beside it.
# Then start the packaged binary the way the Functions host does and report its cold start.
#
# usage: infra/package.sh [--compare] [--runs N] [--no-bench | --measure-only]
#   --compare   also publish framework-dependent and self-contained without ReadyToRun and report
#               each variant's cold start (BENCH cold_start_ms_<variant>); the package stays self-contained + R2R
#   --runs N    cold starts to take the median of (default 7)
#   --no-bench  skip the cold-start measurement
#   --measure-only  measure the cold start of the package already in DISPATCH_PACKAGE_DIR, publish nothing
# Environment: DISPATCH_PACKAGE_DIR (default .data/package), DISPATCH_PACKAGE_MODE
# (self-contained-r2r | self-contained | framework-dependent; default self-contained-r2r).
set -euo pipefail
shopt -s inherit_errexit

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

OUT="${DISPATCH_PACKAGE_DIR:-$ROOT/.data/package}"
case "$OUT" in /*) ;; *) OUT="$ROOT/$OUT" ;; esac
MODE="${DISPATCH_PACKAGE_MODE:-self-contained-r2r}"
PROJECT="functions/Dispatch.Functions"
EXE="Dispatch.Functions"
RUNS=7
COMPARE=0
BENCH=1
MEASURE_ONLY=0

die() {
  # Also called from command substitutions, whose subshells skip the EXIT trap: stop the host here.
  if [ -n "${HOST_PID:-}" ]; then kill "$HOST_PID" 2>/dev/null || true; fi
  echo "package: $*" >&2
  exit 1
}
say() { echo "package: $*" >&2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --compare) COMPARE=1 ;;
    --no-bench) BENCH=0 ;;
    --measure-only) MEASURE_ONLY=1 ;;
    --runs) shift; [ $# -gt 0 ] && [[ "$1" =~ ^[1-9][0-9]*$ ]] || die "--runs needs a positive number"; RUNS="$1" ;;
    -h | --help) sed -n '2,/^set /p' "${BASH_SOURCE[0]}" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1' (try --help)" ;;
  esac
  shift
done

command -v dotnet >/dev/null 2>&1 || die "the .NET SDK 10.0 is missing; install it from https://dot.net/download"

# publish MODE DIR
publish() {
  local mode="$1" dir="$2" args=()
  case "$mode" in
    self-contained-r2r) args=(--self-contained true -p:PublishReadyToRun=true) ;;
    self-contained) args=(--self-contained true -p:PublishReadyToRun=false) ;;
    framework-dependent) args=(--self-contained false -p:PublishReadyToRun=false) ;;
    *) die "unknown package mode '$mode' (self-contained-r2r, self-contained or framework-dependent)" ;;
  esac
  rm -rf "$dir"
  say "publishing $PROJECT for linux-x64 ($mode)"
  dotnet publish "$PROJECT" -c Release -r linux-x64 "${args[@]}" -o "$dir" -nologo -clp:ErrorsOnly -v:quiet \
    -p:DebugType=none >&2 ||
    die "dotnet publish failed; the errors are above"
  [ -x "$dir/$EXE" ] || die "the publish did not produce $dir/$EXE"
}

free_port() {
  local port i
  for i in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  die "found no free TCP port on 127.0.0.1"
}

now_ns() { date +%s%N; }

# Prints the status code of GET $2 on 127.0.0.1:$1, or nothing when nothing answers.
http_status() {
  local line
  { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 0
  printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$2" >&3
  IFS=' ' read -r -t 5 _ line _ <&3 || true
  exec 3>&- 3<&-
  echo "${line:-}"
}

# Settings the packaged binary runs with here: development storage when Azurite is at hand, else none.
AZURITE_PID=""
HOST_PID=""
cleanup() {
  if [ -n "$HOST_PID" ] && kill -0 "$HOST_PID" 2>/dev/null; then kill "$HOST_PID" 2>/dev/null || true; wait "$HOST_PID" 2>/dev/null || true; fi
  if [ -n "$AZURITE_PID" ] && kill -0 "$AZURITE_PID" 2>/dev/null; then kill "$AZURITE_PID" 2>/dev/null || true; wait "$AZURITE_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT

WORK="$(mktemp -d "${TMPDIR:-/tmp}/dispatch-package.XXXXXX")"
trap 'cleanup; rm -rf "$WORK"' EXIT

start_storage() {
  [ -n "$AZURITE_PID" ] && return 0
  [ -n "${Dispatch__Storage__ConnectionString:-}" ] && return 0
  if [ ! -f node_modules/azurite/dist/src/table/main.js ]; then
    say "Azurite is not installed (npm ci); the host starts without development storage"
    return 0
  fi
  local port
  port="$(free_port)"
  node node_modules/azurite/dist/src/table/main.js --tableHost 127.0.0.1 --tablePort "$port" --inMemoryPersistence \
    --skipApiVersionCheck --disableProductStyleUrl --disableTelemetry --silent >"$WORK/azurite.log" 2>&1 &
  AZURITE_PID=$!
  local i
  for i in $(seq 1 100); do
    grep -q "successfully started" "$WORK/azurite.log" 2>/dev/null && break
    kill -0 "$AZURITE_PID" 2>/dev/null || die "Azurite failed to start: $(tail -n 3 "$WORK/azurite.log")"
    sleep 0.1
  done
  export Dispatch__Storage__ConnectionString="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:$port/devstoreaccount1;"
}

run_env() {
  export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
  export Dispatch__Environment="${Dispatch__Environment:-Development}"
  export Dispatch__DataDirectory="$WORK/data"
  mkdir -p "$WORK/data"
  start_storage
}

# One cold start of $1 (the handler folder): ms from exec to the first 200 on /health.
cold_start_once() {
  local handler="$1" port start end status=""
  port="$(free_port)"
  start="$(now_ns)"
  (cd "$handler" && FUNCTIONS_CUSTOMHANDLER_PORT="$port" exec "./$EXE" >"$WORK/host.log" 2>&1) &
  HOST_PID=$!
  while :; do
    status="$(http_status "$port" /health)"
    [ "$status" = "200" ] && break
    kill -0 "$HOST_PID" 2>/dev/null || die "the packaged host exited before answering /health: $(tail -n 5 "$WORK/host.log")"
    if [ $(( ($(now_ns) - start) / 1000000 )) -gt 30000 ]; then
      die "the packaged host did not answer /health 200 within 30 s (last status '${status:-none}'): $(tail -n 5 "$WORK/host.log")"
    fi
    sleep 0.005
  done
  end="$(now_ns)"
  kill "$HOST_PID" 2>/dev/null || true
  wait "$HOST_PID" 2>/dev/null || true
  HOST_PID=""
  echo $(( (end - start) / 1000000 ))
}

# Median cold start of the handler folder $1 over $RUNS starts (the first, which warms the disk cache, is dropped).
cold_start_median() {
  local handler="$1" samples=() i
  cold_start_once "$handler" >/dev/null
  for i in $(seq 1 "$RUNS"); do
    samples+=("$(cold_start_once "$handler")")
  done
  say "cold starts (ms): ${samples[*]}"
  printf '%s\n' "${samples[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'
}

zip_folder() {
  local from="$1" to="$2"
  rm -f "$to"
  if command -v zip >/dev/null 2>&1; then
    # Info-ZIP keeps the Unix mode bits, so the handler stays executable on the Linux worker.
    (cd "$from" && zip -q -r -X "$to" .)
  elif command -v python3 >/dev/null 2>&1; then
    python3 - "$from" "$to" <<'PY'
import os, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
    for base, _, files in os.walk(src):
        for name in sorted(files):
            path = os.path.join(base, name)
            info = zipfile.ZipInfo.from_file(path, os.path.relpath(path, src))
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(path, "rb") as f:
                z.writestr(info, f.read())
PY
  else
    die "neither zip nor python3 is installed; install one (apt-get install zip)"
  fi
}

# 1. The package.
APP="$OUT/app"
ZIP="$OUT/dispatch-functions.zip"
if [ "$MEASURE_ONLY" -eq 1 ]; then
  [ -x "$APP/handler/$EXE" ] || die "no package in $OUT to measure; run ./dispatch package first"
  run_env
  echo "BENCH cold_start_ms $(cold_start_median "$APP/handler") ms"
  exit 0
fi
rm -rf "$OUT"
mkdir -p "$APP"
publish "$MODE" "$APP/handler"
cp host.json "$APP/host.json"

# 2. Function definitions, from the endpoints of the binary just published (never hand-kept).
run_env
say "writing the function definitions from the published host's endpoints"
(cd "$APP/handler" && "./$EXE" --write-functions "$APP" --urls "http://127.0.0.1:0" >"$WORK/functions.log" 2>&1) ||
  die "the host could not write its function definitions: $(tail -n 5 "$WORK/functions.log")"
grep -q "function definitions" "$WORK/functions.log" ||
  die "the host wrote no function definitions: $(tail -n 5 "$WORK/functions.log")"
[ -f "$APP/AdvanceDueWork/function.json" ] || die "the timer function definition is missing"
functions=()
for f in "$APP"/*/function.json; do functions+=("$(basename "$(dirname "$f")")"); done
say "functions: ${functions[*]}"

zip_folder "$APP" "$ZIP"
zip_bytes="$(stat -c %s "$ZIP")"
app_bytes="$(du -sb "$APP" | cut -f1)"
say "wrote $APP and $ZIP"
echo "package $ZIP $(awk -v b="$zip_bytes" 'BEGIN {printf "%.1f MB", b / 1048576}') (unpacked $(awk -v b="$app_bytes" 'BEGIN {printf "%.1f MB", b / 1048576}'), ${#functions[@]} functions, $MODE)"
awk -v b="$zip_bytes" 'BEGIN {printf "BENCH package_zip_mb %.1f MB\n", b / 1048576}'

# 3. Cold start of the packaged binary, started as the Functions host starts it.
if [ "$BENCH" -eq 1 ]; then
  ms="$(cold_start_median "$APP/handler")"
  echo "BENCH cold_start_ms $ms ms"
  if [ "$COMPARE" -eq 1 ]; then
    for variant in framework-dependent self-contained self-contained-r2r; do
      if [ "$variant" = "$MODE" ]; then
        echo "BENCH cold_start_ms_${variant//-/_} $ms ms"
        continue
      fi
      publish "$variant" "$WORK/$variant"
      size="$(du -sb "$WORK/$variant" | cut -f1)"
      awk -v b="$size" -v v="${variant//-/_}" 'BEGIN {printf "BENCH publish_mb_%s %.1f MB\n", v, b / 1048576}'
      echo "BENCH cold_start_ms_${variant//-/_} $(cold_start_median "$WORK/$variant") ms"
    done
  fi
fi
