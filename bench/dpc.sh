#!/usr/bin/env bash
# Times dPC on the dense demo graphs (woodland, grassland patches of habitat, default settings), in-process on the test
# demo database (no server needed), best of RUNS runs (3): obs:Connectivity end to end with and without the dPC of
# every patch, the computation alone, and in the same run the Conefor-style brute force (each patch removed, every best
# path recomputed; BRUTE_FORCE=false skips it) with the largest difference of its dPC from ours. Prints the load average.
#   usage: [RUNS=n] [BRUTE_FORCE=false] bench/dpc.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -pl observatory-ext -am verify -Dtest=DpcBenchmark -Dbench.dpc=true -Dbench.runs=${RUNS:-3} \
  -Dbench.bruteForce=${BRUTE_FORCE:-true} -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true 2>&1 \
  | grep '^DPC-BENCH' | sed 's/^DPC-BENCH //'
