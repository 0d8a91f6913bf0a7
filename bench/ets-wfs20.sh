#!/usr/bin/env bash
# Runs the OGC WFS 2.0 conformance suite (ets-wfs20 1.25, through the project's runner bench/ets/run, or the one
# ETS_RUNNER names) against the server on the demo data, and prints the pass/fail/skip counts.
#   usage: bench/ets-wfs20.sh [OUTPUT_DIR]      (default target/ets-wfs20)
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
server_start "$out/server.log"
# the suite reaches the server through a proxy that records every XML answer it gets (the server writes the proxy's
# address in its URLs, so the suite keeps coming through), checked against their schemas afterwards
proxy_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
proxy_url=http://localhost:$proxy_port
rm -rf "$out/answers"
editor_password=$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')
OBS_USER_PASSWORD=$editor_password java -jar "$server_jar" user add ets-editor --roles admin > /dev/null
PROXY_AUTHORIZATION="Basic $(printf '%s' "ets-editor:$editor_password" | base64 -w0)" \
  python3 bench/lib/recording_proxy.py "$proxy_port" "$server_url" "$out/answers" &
proxy_pid=$!
trap 'kill $proxy_pid 2>/dev/null; server_stop' EXIT
until curl -s -o /dev/null "$proxy_url/actuator/health"; do sleep 0.2; done
# /wfs: the suite's own error cases (a missing SERVICE...) then get WFS 2.0 exception reports
status=0
"$ets" "$proxy_url/wfs?service=WFS&request=GetCapabilities&version=2.0.0" "$out" || status=$?
# 0: no failure; 2: the suite did not run. 1: some test failed, and only the suite's own xs:date defect (see
# bench/RESULTS.md) is tolerated: any other failure fails the run.
[ "$status" -le 1 ] || exit "$status"
# every XML answer the suite got: valid against the official schemas and our application schemas it names
repo=${MAVEN_REPO:-$HOME/.m2/repository}
version() { sed -n "s:.*<$1.version>\(.*\)</$1.version>.*:\1:p" pom.xml; }
classpath="$(ls ows-core/target/ows-core-*-SNAPSHOT.jar 2>/dev/null || ls ows-core/target/ows-core-*[0-9].jar)"
classpath="$classpath:$repo/org/jvnet/ogc/ogc-schemas/$(version ogc-schemas)/ogc-schemas-$(version ogc-schemas).jar"
classpath="$classpath:$repo/org/hisrc/w3c/w3c-schemas/$(version w3c-schemas)/w3c-schemas-$(version w3c-schemas).jar"
java -cp "$classpath" bench/lib/ValidateResponses.java "$out/answers" "$proxy_url"
[ "$status" -eq 1 ] || exit 0
python3 bench/ets_suite_defects.py "$out"
