#!/usr/bin/env bash
# Instructions per operation, counted by valgrind's callgrind in the NativeAOT build of SwitchBenchmarks. A count is a
# property of the build, not of the machine: the same on any x86-64 CPU, and the same whether the machine is idle or
# busy, so it is the one figure of docs/benchmarks.md that another machine reproduces exactly. It counts user-space
# instructions only: the kernel's side of a syscall is not in it, and neither are cache misses or transitions' stalls.
#
# Usage: benchmarks/instructions.sh            (needs valgrind: apt-get install valgrind)
set -euo pipefail
cd "$(dirname "$0")/.."

command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Symbols kept in the executable (valgrind 3.19 cannot read the separate .dbg file that NativeAOT writes by default).
dotnet publish benchmarks/SwitchBenchmarks -c Release -r linux-x64 -p:PublishAot=true -p:StripSymbols=false \
  -p:DebugType=none -p:DebugSymbols=false -o "$work/bin" -v q -nologo >"$work/publish.log" || { cat "$work/publish.log"; exit 1; }
bin="$work/bin/SwitchBenchmarks"

# count GROUP COUNTED OPS_PER_CALL [TOGGLE...]: the instructions collected while inside the TOGGLE functions (by default
# COUNTED itself; all are NativeAOT symbol names, matched whole: a suffix would also match the delegate constructor
# of a case), divided by the operations: the calls made into COUNTED, as callgrind records them where collection
# starts, times OPS_PER_CALL. Prints instructions per operation.
count() {
  local group=$1 counted=$2 per_call=$3 out="$work/$2.cg"
  shift 3
  local toggles=("--toggle-collect=$counted")
  if (($#)); then toggles=(); for t in "$@"; do toggles+=("--toggle-collect=$t"); done; fi
  valgrind --tool=callgrind --callgrind-out-file="$out" --compress-strings=no --collect-atstart=no "${toggles[@]}" \
    "$bin" --only "$group" --quick --pairs 500 >/dev/null 2>"$work/valgrind.log" || { cat "$work/valgrind.log" >&2; exit 1; }
  awk -v m="$counted" -v n="$per_call" '
    /^summary:/ { total = $2 }
    /^cfn=/ { c = substr($0, 5); sub(/ \[.*$/, "", c); next }
    /^calls=/ { if (c == m) { split(substr($0, 7), k, " "); calls += k[1] } c = ""; next }
    END { if (calls == 0) { print "no calls to " m > "/dev/stderr"; exit 1 } printf "%.1f\n", total / (calls * n) }
  ' "$out"
}

row() { # label, the count without, the count with
  printf '| %s | %s | %s | %s |\n' "$1" "$2" "$3" "$(awk -v a="$2" -v b="$3" 'BEGIN { printf "%+.1f", b - a }')"
}

echo "# Instructions per operation (callgrind, NativeAOT, $(uname -m)); user space only"
echo
echo "| operation | without | with | difference |"
echo "|---|---:|---:|---:|"
raw=$(count kernel SwitchBenchmarks_Socktest_Benchmarks_SocketCases__RawPair 500)
row "socket+close pair over a no-op inner implementation: direct / through the switch (own cost)" \
  "$(count own SwitchBenchmarks_Socktest_Benchmarks_OwnCostCases__Direct 20000)" "$(count own SwitchBenchmarks_Socktest_Benchmarks_OwnCostCases__Switched 20000)"
row "socket+close pair, real kernel: raw P/Invoke / switch, no filter" "$raw" "$(count kernel SwitchBenchmarks_Socktest_Benchmarks_SocketCases__PlainPair 500)"
row "socket+close pair, real kernel: raw P/Invoke / switch, pass-through filters" "$raw" "$(count kernel SwitchBenchmarks_Socktest_Benchmarks_SocketCases__FilteredPair 500)"
plain=$(count process SwitchBenchmarks_Socktest_Benchmarks_ProcessSocketsCases__Plain 500)
# One pair, one call into the socket entry point; the Hooked case's Install and Dispose stay outside the count.
entries=$(count process Socktest_Runtime_Socktest_ProcessHooks_HookEntryPoints__Socket 1 Socktest_Runtime_Socktest_ProcessHooks_HookEntryPoints__Socket Socktest_Runtime_Socktest_ProcessHooks_HookEntryPoints__Close)
printf '| new Socket + Dispose: not hooked / what the hook adds (inside its socket and close entry points) | %s | +%s | +%s |\n' "$plain" "$entries" "$entries"
echo
echo "The last row counts what runs inside the hook's two entry points per pair, libc's own socket and close wrappers"
echo "(a few instructions each, also in the unhooked pair) included."
