#!/usr/bin/env bash
# The package as users get it: packs Socktest (and the Socktest.TUnit companion package), checks the package's contents, restores ci-only/AotTests from that
# local feed (not a ProjectReference), publishes it as NativeAOT for this machine's RID and runs the native TUnit
# binary. Fails on a bad package, on any IL2xxx/IL3xxx (trim/AOT) warning in the publish, and on any failing test.
set -euo pipefail
cd "$(dirname "$0")/.."

# NativeAOT links with the platform's C toolchain (clang, or gcc as a fallback). A machine with only the .NET SDK has
# neither: install clang from the distribution's packages.
if ! command -v clang >/dev/null 2>&1 && ! command -v gcc >/dev/null 2>&1; then
    echo "NativeAOT needs a C compiler and linker; installing clang"
    if command -v apt-get >/dev/null 2>&1; then
        sudo_cmd=$([[ $(id -u) -eq 0 ]] && echo "" || echo "sudo")
        $sudo_cmd apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq clang zlib1g-dev >/dev/null
    else
        echo "No clang or gcc, and no apt-get to install one; install clang before running .ci/aot.sh" >&2
        exit 1
    fi
fi

project=ci-only/AotTests/AotTests.csproj
feed=artifacts/packages
out=artifacts/aot
version=$(dotnet msbuild Socktest.Runtime/Socktest.Runtime.csproj -getProperty:Version)
rid=$(dotnet msbuild "$project" -getProperty:NETCoreSdkRuntimeIdentifier)
echo "Socktest $version, NativeAOT for $rid"

rm -rf "$feed"
dotnet pack Socktest.sln -c Release -o "$feed" -p:ContinuousIntegrationBuild=true
.ci/check-package.sh "$feed" "$version"

# nuget.config keeps the samples' packages in artifacts/aot-packages; drop any earlier extraction of this version so
# the package just packed is the one restored.
rm -rf artifacts/aot-packages/socktest artifacts/aot-packages/socktest.tunit
# SocktestFromPackage: the scenarios project that AotTests references takes Socktest from the package too.
dotnet restore "$project" -r "$rid" -p:SocktestFromPackage=true --configfile ci-only/AotTests/nuget.config

mkdir -p "$out"
log="$out/publish.log"
dotnet publish "$project" -c Release -r "$rid" --no-restore -p:SocktestFromPackage=true -o "$out/AotTests" 2>&1 | tee "$log"
il_warnings=$(grep -E 'warning IL[23][0-9]{3}' "$log" | sort -u || true)
if [[ -n "$il_warnings" ]]; then
    echo "NativeAOT publish reported trim/AOT warnings; these involve Socktest or its generated code:" >&2
    grep -Ei 'Socktest|SocketCallsSwitch|ISocketCalls' <<<"$il_warnings" >&2 || echo "  (none; all are from other packages)" >&2
    echo "all of them:" >&2
    echo "$il_warnings" >&2
    exit 1
fi
echo "NativeAOT publish: 0 IL2xxx/IL3xxx warnings"

# The native binary is the test runner: a failing test (or fewer tests than expected) exits non-zero.
timeout 300 "$out/AotTests/AotTests" --no-ansi --output detailed --minimum-expected-tests 55 \
    --results-directory "$out/TestResults"
