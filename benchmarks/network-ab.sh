#!/usr/bin/env bash
# Before/after JMH comparison of the network-layer change of issue 5 (docs/BENCHMARKS.md, "Network layer, issue 5").
#
# Builds the benchmarks of two trees from their own sources (the Maven reactor, never the brook jars in ~/.m2):
# "before" is a detached worktree at $BEFORE (default 5e15ff4, the last commit before the client-core rework),
# created if missing, into which ProduceRequestEncodeBenchmark and CountingAllocator are copied (plus a test-scoped
# brook-client-core dependency in its benchmarks/pom.xml); "after" is this tree. Each tree's class directories are
# snapshotted, then JMH runs interleaved A B B A, and benchmarks/ab-table.py prints the comparison.
#
# Environment: BEFORE, BEFORE_TREE, JMH_ARGS, PATTERN, OUT (see the defaults below). Takes about 10 minutes.
set -euo pipefail

ROOT=$(git rev-parse --show-toplevel)
BEFORE=${BEFORE:-5e15ff4}
BEFORE_TREE=${BEFORE_TREE:-${TMPDIR:-/tmp}/brook-before-$BEFORE}
JMH_ARGS=${JMH_ARGS:--f 1 -wi 3 -w 1s -i 5 -r 1s -bm thrpt -tu s -prof gc}
PATTERN=${PATTERN:-MetadataResponseBenchmark|FetchResponseBenchmark|ProduceRequestEncodeBenchmark}
OUT=${OUT:-$ROOT/benchmarks/target/network-ab}
mkdir -p "$OUT"

if [ ! -d "$BEFORE_TREE" ]; then
  git -C "$ROOT" worktree add --detach "$BEFORE_TREE" "$BEFORE" >&2
fi
for f in benchmarks/src/test/java/io/brook/benchmarks/CountingAllocator.java \
         benchmarks/src/test/java/io/brook/core/internal/network/ProduceRequestEncodeBenchmark.java; do
  mkdir -p "$BEFORE_TREE/$(dirname "$f")"
  cp "$ROOT/$f" "$BEFORE_TREE/$f"
done
grep -q brook-client-core "$BEFORE_TREE/benchmarks/pom.xml" || sed -i \
  's|\(<artifactId>brook-protocol-codec</artifactId></dependency>\)|\1\n    <dependency><groupId>io.brook</groupId><artifactId>brook-client-core</artifactId><scope>test</scope></dependency>|' \
  "$BEFORE_TREE/benchmarks/pom.xml"

# Compiles one tree's benchmarks and prints a class path whose directories are copies, so that a rebuild of the
# tree while JMH runs cannot change the code under measurement.
classpath() {
  local tree=$1 label=$2 snap=$OUT/$2-classes cp="" entry copy
  (cd "$tree" && mvn -B -o -q -pl benchmarks -am test-compile dependency:build-classpath \
      -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh.classpath) >&2
  rm -rf "$snap" && mkdir -p "$snap"
  for entry in "$tree/benchmarks/target/test-classes" $(tr ':' ' ' < "$tree/benchmarks/target/jmh.classpath"); do
    if [ -d "$entry" ]; then
      copy=$snap/$(echo "${entry#"$tree"/}" | tr '/' '_')
      cp -r "$entry" "$copy"
      entry=$copy
    fi
    cp="$cp:$entry"
  done
  echo "${cp#:}"
}

BEFORE_CP=$(classpath "$BEFORE_TREE" before)
AFTER_CP=$(classpath "$ROOT" after)
run=0
for side in before after after before; do
  run=$((run + 1))
  if [ "$side" = before ]; then cp=$BEFORE_CP; else cp=$AFTER_CP; fi
  echo "== run $run: $side ($(date -u +%H:%M:%S) UTC)" >&2
  # shellcheck disable=SC2086 # JMH_ARGS is a list of arguments
  java -cp "$cp" org.openjdk.jmh.Main $JMH_ARGS -rf json -rff "$OUT/$run-$side.json" "$PATTERN" \
    > "$OUT/$run-$side.log" 2>&1
  grep -E "build\(\)|^Benchmark|Benchmark\.[a-zA-Z]+ " "$OUT/$run-$side.log" | grep -v ":gc\.\(count\|time\)" >&2 || true
done
python3 "$ROOT/benchmarks/ab-table.py" "$OUT/1-before.json" "$OUT/4-before.json" -- "$OUT/2-after.json" \
  "$OUT/3-after.json" | tee "$OUT/table.md"
