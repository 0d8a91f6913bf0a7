#!/usr/bin/env bash
# Times obs:Connectivity on the dense demo graphs (woodland, grassland patches of habitat, default settings) with and
# without the dPC of every patch, in-process on the test demo database (no server needed): best of RUNS runs (3).
#   usage: [RUNS=n] bench/dpc.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -pl observatory-ext -am verify -Dtest=DpcBenchmark -Dbench.dpc=true -Dbench.runs=${RUNS:-3} -Dsurefire.failIfNoSpecifiedTests=false \
  -Djacoco.skip=true 2>&1 | grep '^DPC-BENCH' | sed 's/^DPC-BENCH //'
