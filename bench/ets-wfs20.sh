#!/usr/bin/env bash
# Runs the OGC WFS 2.0 conformance suite (ets-wfs20 1.25, through the project's runner bench/ets/run, or the one
# ETS_RUNNER names) against the server, in two passes, and prints the pass/fail/skip counts of each:
#   1. /wfs on the demo data: Basic WFS, the filter classes, Locking (Transactional is not claimed there: the demo
#      publishes views and aggregates, which no Transaction writes);
#   2. /cite/wfs, the virtual WFS of the conformance workspace (bench/ets/cite: writable tables made for the suite,
#      the standard GML properties in columns), where every type is writable by the suite's editor: Transactional
#      and Locking claimed. The workspace is added to a copy of the data directory and its tables are made again
#      (bench/ets/cite/cite.sql) for this pass only; the demo's catalog never has it.
#   usage: bench/ets-wfs20.sh [OUTPUT_DIR]      (default target/ets-wfs20; each pass in OUTPUT_DIR/wfs, OUTPUT_DIR/cite)
#   ETS_PASSES="wfs cite" (default) chooses the passes.
# Starts the server as bench/lib/server.sh does (jar built when missing, REBUILD=1 to force; private PostGIS cluster
# of bin/run, or DATABASE_URL / PG*), runs the suite through a recording proxy, validates every XML answer the suite
# got against the schemas it names (bench/lib/ValidateResponses.java), then stops the server. Exit status 0 when no
# test failed but for the suite's own xs:date defect and every answer is valid.
# The suite logs in as an editor: the Locking classes lock features of every type, which only a caller who may write
# them does (data-dir/security/layers.yaml, write:). The script (re)creates the account ets-editor, role admin, with a
# fresh random password, and the proxy sends its credentials with every request (see bench/RESULTS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=$(realpath -m "${1:-target/ets-wfs20}")
ets=${ETS_RUNNER:-bench/ets/run}
. bench/lib/server.sh
repo=${MAVEN_REPO:-$HOME/.m2/repository}
version() { sed -n "s:.*<$1.version>\(.*\)</$1.version>.*:\1:p" pom.xml; }

# one pass of the suite on the server's endpoint PATH (/wfs, /cite/wfs), its reports in DIR; exits on a failure that
# is not the suite's xs:date defect, or on an invalid answer
conformance_pass() {
  local dir=$1 path=$2
  local proxy_port proxy_url editor_password status=0
  # the suite reaches the server through a proxy that records every XML answer it gets (the server writes the
  # proxy's address in its URLs, so the suite keeps coming through), checked against their schemas afterwards
  proxy_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  proxy_url=http://localhost:$proxy_port
  rm -rf "$dir/answers"
  editor_password=$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')
  OBS_USER_PASSWORD=$editor_password java -jar "$server_jar" user add ets-editor --roles admin > /dev/null
  PROXY_AUTHORIZATION="Basic $(printf '%s' "ets-editor:$editor_password" | base64 -w0)" \
    python3 bench/lib/recording_proxy.py "$proxy_port" "$server_url" "$dir/answers" &
  proxy_pid=$!
  trap 'kill $proxy_pid 2>/dev/null || true; server_stop' EXIT
  until curl -s -o /dev/null "$proxy_url/actuator/health"; do sleep 0.2; done
  echo "== $path"
  # the suite's own error cases (a missing SERVICE...) get WFS 2.0 exception reports at a WFS endpoint
  "$ets" "$proxy_url$path?service=WFS&request=GetCapabilities&version=2.0.0" "$dir" || status=$?
  # 0: no failure; 2: the suite did not run. 1: some test failed, and only the suite's own xs:date defect (see
  # bench/RESULTS.md) is tolerated: any other failure fails the run.
  [ "$status" -le 1 ] || exit "$status"
  # every XML answer the suite got: valid against the official schemas and our application schemas it names
  local classpath
  classpath="$(ls ows-core/target/ows-core-*-SNAPSHOT.jar 2>/dev/null || ls ows-core/target/ows-core-*[0-9].jar)"
  classpath="$classpath:$repo/org/jvnet/ogc/ogc-schemas/$(version ogc-schemas)/ogc-schemas-$(version ogc-schemas).jar"
  classpath="$classpath:$repo/org/hisrc/w3c/w3c-schemas/$(version w3c-schemas)/w3c-schemas-$(version w3c-schemas).jar"
  java -cp "$classpath" bench/lib/ValidateResponses.java "$dir/answers" "$proxy_url"
  kill "$proxy_pid" 2>/dev/null || true
  [ "$status" -eq 0 ] || python3 bench/ets_suite_defects.py "$dir"
}

passes=${ETS_PASSES:-wfs cite}
cite_tables=
# the conformance workspace's tables, made again in the server's database (a server must run: it starts the private
# cluster)
make_cite_tables() {
  PGOPTIONS=--client-min-messages=warning psql -q -v ON_ERROR_STOP=1 ${OBS_PSQL_URL:+"$OBS_PSQL_URL"} \
    -f bench/ets/cite/cite.sql
  cite_tables=made
}
for pass in $passes; do
  case "$pass" in
    wfs)
      server_start "$out/wfs/server.log"
      conformance_pass "$out/wfs" /wfs
      case " $passes " in *" cite "*) make_cite_tables ;; esac
      server_stop ;;
    cite)
      if [ -z "$cite_tables" ]; then
        server_start "$out/cite/server.log"
        make_cite_tables
        server_stop
      fi
      # a server whose data directory is a copy of data-dir with the conformance workspace added
      rm -rf "$out/cite/data-dir" && mkdir -p "$out/cite" && cp -r data-dir "$out/cite/data-dir"
      cp -r bench/ets/cite/workspaces/cite "$out/cite/data-dir/workspaces/"
      server_start "$out/cite/server.log" --obs.data-dir="$out/cite/data-dir"
      conformance_pass "$out/cite" /cite/wfs
      server_stop ;;
    *) echo "unknown pass $pass (wfs, cite)" >&2; exit 2 ;;
  esac
done
