#!/usr/bin/env bash
# Brook's consumer against kafka-clients', paired A B B A on one broker (see docs/BENCHMARKS.md).
# Builds what the benchmark needs in this reactor (nothing is installed), then runs
# io.brook.benchmarks.ConsumerPairs with the arguments given, e.g.:
#   benchmarks/consumer-pairs.sh --pairs 2 --out consumer-pairs.md
#   benchmarks/consumer-pairs.sh --bootstrap-server localhost:9092 --only 100B
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -B -q ${MVN_OFFLINE:+-o} -pl benchmarks -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null
exec java -cp "benchmarks/target/test-classes:$(cat "$cp_file")" \
    -Dbrook.mvn.executable="$(command -v mvn)" io.brook.benchmarks.ConsumerPairs "$@"
