#!/usr/bin/env bash
# musl, tried: publishes ci-only/MuslCheck self-contained for linux-musl-x64 and runs it with musl's dynamic loader. The
# check proves the generated switch on musl's libc and that ProcessSockets refuses musl with
# PlatformNotSupportedException and a reason. Skips (exit 0) with the loader's own error when .NET cannot start on this
# machine's musl at all: Debian's `musl` package is the C library only, while libcoreclr.so and the app host are C++ and
# need musl builds of libstdc++.so.6 and libgcc_s.so.1 (Alpine's libstdc++ and libgcc), which Debian does not ship
# (its glibc builds do not load under musl: they need glibc-only symbols such as __libc_single_threaded and
# _dl_find_object). Point MUSL_LIBRARY_PATH at a folder holding musl builds of both to run the check for real.
set -euo pipefail
cd "$(dirname "$0")/.."

# The check program; repoint here if it moves (it finds Socktest.Runtime and the generator through -p:SocktestRoot).
check_project=ci-only/MuslCheck/MuslCheck.csproj
socktest_root=$PWD/
loader=/lib/ld-musl-x86_64.so.1
out=artifacts/musl
start=$SECONDS

if [[ $(uname -m) != x86_64 ]]; then
    echo "musl: SKIPPED: the check is for linux-musl-x64 and this machine is $(uname -m)" >&2
    exit 0
fi

if [[ ! -x $loader ]]; then
    if command -v apt-get >/dev/null 2>&1; then
        echo "musl: installing Debian's musl (the C library and its loader, $loader)"
        sudo_cmd=$([[ $(id -u) -eq 0 ]] && echo "" || echo "sudo")
        $sudo_cmd apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq musl >/dev/null
    else
        echo "musl: SKIPPED: no $loader and no apt-get to install musl" >&2
        exit 0
    fi
fi

rm -rf "$out/check"
dotnet publish "$check_project" -c Release -p:SocktestRoot="$socktest_root" -o "$out/check"
executable=$out/check/MuslCheck
built=$SECONDS

# musl's loader resolves every library the executable and libcoreclr.so need, or lists what it cannot.
export LD_LIBRARY_PATH=${MUSL_LIBRARY_PATH:-}
missing=$("$loader" --list "$out/check/libcoreclr.so" 2>&1 >/dev/null | grep -E '^Error loading shared library' | sort -u || true)
if [[ -n $missing ]]; then
    echo "musl: SKIPPED: .NET cannot start under this machine's musl ($("$loader" 2>&1 | head -1 || true)); musl's loader says:" >&2
    echo "$missing" | sed 's/^/  /' >&2
    echo "  libcoreclr.so and the app host are C++: they need musl builds of libstdc++.so.6 and libgcc_s.so.1, which Debian does not ship; set MUSL_LIBRARY_PATH to a folder with them (e.g. from Alpine's libstdc++ and libgcc) to run the check" >&2
    exit 0
fi

"$loader" "$executable"
echo "musl: checks passed; publish $((built - start)) s, run $((SECONDS - built)) s"
