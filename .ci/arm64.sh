#!/usr/bin/env bash
# linux-arm64 for real, under user-mode emulation: publishes the runtime's tests self-contained for linux-arm64 (JIT,
# not single-file) as the xunit v3 executable they are (xunit's in-process runner, with a Main from .ci/inprocess-xunit
# that first prints the process's architecture), and runs them with qemu-aarch64
# on Debian's aarch64 C and C++ libraries. Proves on arm64: the generated switch against real loopback sockets, and
# the process-wide switch (R_AARCH64_JUMP_SLOT/GLOB_DAT slots of libSystem.Native.so patched) with Socket and
# HttpClient on loopback. Skips (exit 0) only when the emulator cannot start an aarch64 program at all.
set -euo pipefail
cd "$(dirname "$0")/.."

# The project whose tests run on arm64: the engine through generated switches, and the process-wide switch.
tests_project=Socktest.Runtime.Tests/Socktest.Runtime.Tests.csproj
# Test-name prefixes (Namespace.Class.Method) left out under emulation, each printed with its reason.
# The generator's tests (platform-independent, and slow under emulation) live in Socktest.Generator.Tests, which this
# script does not publish.
excluded=(
    "Socktest.Tests.Runaway.RunawayTests.RunsInAChildProcessWithinItsTimeout"
    "each child is a second emulated runtime: 34-76 s apiece under qemu-user (measured), ten of them past this run's 600 s; they run in child processes on x64, under the JIT and NativeAOT"
)
# Fewer tests than this means the selection went wrong (a renamed namespace, say), not that arm64 is fine.
minimum_tests=130

rid=linux-arm64
sysroot=/usr/aarch64-linux-gnu
out=artifacts/arm64
start=$SECONDS

# qemu-user and Debian's aarch64 runtime libraries (glibc, libstdc++, libgcc_s: libcoreclr.so is C++).
if ! command -v qemu-aarch64 >/dev/null 2>&1 || [[ ! -e $sysroot/lib/libstdc++.so.6 || ! -e $sysroot/lib/libgcc_s.so.1 ]]; then
    if command -v apt-get >/dev/null 2>&1; then
        echo "arm64: installing qemu-user and the aarch64 C and C++ libraries"
        sudo_cmd=$([[ $(id -u) -eq 0 ]] && echo "" || echo "sudo")
        $sudo_cmd apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq \
            qemu-user libc6-arm64-cross libstdc++6-arm64-cross libgcc-s1-arm64-cross >/dev/null
    else
        echo "arm64: SKIPPED: no qemu-aarch64 and no apt-get to install qemu-user and the aarch64 libraries" >&2
        exit 0
    fi
fi

# The one reason to skip: the emulator cannot start an aarch64 program (no qemu for this host, a sandbox that forbids it).
if ! probe=$(qemu-aarch64 -L "$sysroot" "$sysroot/lib/ld-linux-aarch64.so.1" --version 2>&1 | head -1) || [[ $probe != *ld.so* ]]; then
    echo "arm64: SKIPPED: qemu-aarch64 cannot start an aarch64 program here: $probe" >&2
    exit 0
fi
echo "arm64: $(qemu-aarch64 --version | head -1); aarch64 loader: $probe"

# Debian's aarch64 libssl, which no cross package carries: xunit v3 names each test case by a SHA-256 hash, and .NET
# hashes through OpenSSL on Linux (without it the runner aborts with "No usable version of libssl was found"). apt
# fetches the arm64 package with lists of its own in artifacts/, so the machine's dpkg and apt setup stay as they
# are; the libraries reach only the emulated process (qemu-aarch64 -E LD_LIBRARY_PATH=...).
libssl=$PWD/$out/libssl/usr/lib/aarch64-linux-gnu
if [[ ! -e $libssl/libssl.so.3 ]]; then
    apt_dir=$PWD/$out/apt
    apt_options=(-q -o APT::Architecture=arm64 -o APT::Architectures::=arm64 -o Dir::State::status=/dev/null
                 -o Dir::State::Lists="$apt_dir/lists" -o Dir::Cache="$apt_dir/cache")
    mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
    apt-get "${apt_options[@]}" update >/dev/null
    (cd "$apt_dir" && apt-get "${apt_options[@]}" download libssl3:arm64 >/dev/null 2>&1)
    dpkg-deb -x "$apt_dir"/libssl3_*_arm64.deb "$PWD/$out/libssl"
fi
echo "arm64: aarch64 libssl in $libssl"

# Self-contained (the arm64 runtime comes from the linux-arm64 runtime pack), not single-file (ProcessSockets patches
# libSystem.Native.so, which must be a library of its own). Separate artifacts path: the normal obj/ and bin/ stay as they are.
rm -rf "$out/tests"
dotnet publish "$tests_project" -c Release -r "$rid" -p:PublishSingleFile=false \
    -p:CustomAfterMicrosoftCommonTargets="$PWD/.ci/inprocess-xunit/InProcessXunit.targets" \
    --artifacts-path "$out/build" -o "$out/tests"
executable=$out/tests/$(basename "$tests_project" .csproj)
built=$SECONDS

# xunit v3's runner: every test's start and finish printed (verbose), no colours; an exclusion is a -method- filter.
args=(-reporter verbose -noColor)
for ((i = 0; i < ${#excluded[@]}; i += 2)); do
    echo "arm64: excluded ${excluded[i]}*: ${excluded[i + 1]}"
    args+=(-method- "${excluded[i]}*")
done

# DOTNET_EnableWriteXorExecute=0: with W^X the runtime writes code through a second, writable mapping of the same
# memory, which qemu-user does not see, so it can run a stale translation of code the JIT has replaced (seen as an
# AccessViolationException in EventSource and a NullReferenceException inside a reflection invoke stub).
# Invariant globalization: Debian has no arm64 ICU among its cross packages.
log=$out/tests.log
# SOCKTEST_CHILD_LAUNCHER: the tests that run a scenario in a child process start it through the same emulator.
run_tests() {
    DOTNET_EnableWriteXorExecute=0 DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 \
        SOCKTEST_CHILD_LAUNCHER="qemu-aarch64 -L $sysroot -E LD_LIBRARY_PATH=$libssl" \
        timeout 600 qemu-aarch64 -L "$sysroot" -E LD_LIBRARY_PATH="$libssl" -E SOCKTEST_EMULATED=1 "$executable" "$@"
}
set +e
run_tests "${args[@]}" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
if [[ $status -ne 0 ]]; then
    # The failures last, with their messages and stacks, so that the end of the run's output names them.
    echo "arm64: failed tests:" >&2
    grep -A 40 '\[FAIL\]' "$log" | head -300 >&2 || true
    # Under emulation every call is 10 to 50 times slower and a loaded machine stretches that unevenly, so a test that
    # waits on another thread can lose a race it never loses natively (every one of these tests also runs on x64, JIT
    # and NativeAOT). A run that finished with at most three failures runs each of them once more, alone: one that
    # passes then is reported as flaky under emulation above, and the leg goes on; one that fails again fails it.
    mapfile -t failed < <(sed -n 's/^ *\([A-Za-z0-9_.]*\).* \[FAIL\]$/\1/p' "$log" | sort -u)
    finished=$(grep -c '^ *Socktest\.Runtime\.Tests  *Total: ' "$log" || true)
    if [[ $finished -eq 0 || ${#failed[@]} -eq 0 || ${#failed[@]} -gt 3 ]]; then
        echo "arm64: the tests failed under qemu-aarch64 (exit $status)" >&2
        exit 1
    fi
    for name in "${failed[@]}"; do
        echo "arm64: running $name again, alone"
        rerun=$out/rerun.log
        if ! run_tests -reporter verbose -noColor -method "$name" 2>&1 | tee "$rerun" \
            || ! grep -q '^ *Socktest\.Runtime\.Tests  *Total: [1-9][0-9]*, Errors: 0, Failed: 0,' "$rerun"; then
            echo "arm64: $name failed again under qemu-aarch64 (or did not run)" >&2
            exit 1
        fi
        echo "arm64: FLAKY under emulation: $name failed in the full run (above) and passed alone" >&2
    done
fi
grep -q '^process: Arm64, linux-arm64' "$log" || { echo "arm64: the tests did not run as an arm64 process" >&2; exit 1; }
# The runner's summary: "   Socktest.Runtime.Tests  Total: 302, Errors: 0, Failed: 0, Skipped: 0, Not Run: 0, Time: ...".
run=$(sed -n 's/^ *Socktest\.Runtime\.Tests  *Total: \([0-9]*\),.*/\1/p' "$log")
if [[ -z $run || $run -lt $minimum_tests ]]; then
    echo "arm64: only ${run:-0} tests ran, expected at least $minimum_tests" >&2
    exit 1
fi
process_wide=$(grep -c '^ *Socktest\.Tests\.ProcessWide\..* \[FINISHED\]' "$log" || true)
echo "arm64: $run tests passed under qemu-aarch64, $process_wide of them process-wide; publish $((built - start)) s, run $((SECONDS - built)) s"
