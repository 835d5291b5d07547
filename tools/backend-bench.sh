#!/usr/bin/env bash
# Times the kernels of tools/OpBench.java (conv1d forward/backward at the TCN shapes, matmul, softmax)
# on each nd4j-native 1.0.0-M2.1 build published on Maven Central, and PyTorch's tools/op_bench.py
# beside them. Needs examples/target/sdzoo.jar (./sdzoo --help builds it) and network access once:
# the classifier jars go to ~/.cache/sdzoo-backends. A classifier jar placed before sdzoo.jar on the
# class path is the one JavaCPP loads (checked: Loader.getLoadedLibraries names it).
# Usage: tools/backend-bench.sh [SECONDS_PER_KERNEL]   (default 1)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-1}"
cache="${HOME}/.cache/sdzoo-backends"
mkdir -p "$cache"
base=https://repo1.maven.org/maven2/org/nd4j/nd4j-native/1.0.0-M2.1
for b in plain avx2 onednn onednn-avx2; do
  cp="$root/examples/target/sdzoo.jar"
  if [ "$b" != plain ]; then
    jar="$cache/nd4j-native-1.0.0-M2.1-linux-x86_64-$b.jar"
    [ -f "$jar" ] || curl -fsSL -o "$jar" "$base/nd4j-native-1.0.0-M2.1-linux-x86_64-$b.jar"
    cp="$jar:$cp"
  fi
  java -cp "$cp" -Dsdzoo.backend.label="$b" "$root/tools/OpBench.java" "$seconds" 2>&1 | grep -v 'DEBUG\|ERROR'
done
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  /usr/bin/python3 "$root/tools/op_bench.py" "$seconds"
else
  echo "PyTorch skipped: /usr/bin/python3 cannot import torch (apt-get install python3-torch)"
fi
