"""OWSLib, a real WPS client, against the server: lists, describes and executes every public process,
synchronously and asynchronously. Exit status 0 when every step succeeded.
    usage: python3 bench/clients/owslib_wps.py http://localhost:8080/wps
"""
import sys

from owslib.wps import ASYNC, SYNC, WebProcessingService, monitorExecution

EXECUTIONS = [
    ("obs:CorridorIndicators", [("corridor", "1")], "report"),
    ("obs:Connectivity", [("subNetwork", "wetland"), ("importance", "false")], "summary"),
    ("obs:Fragmentation", [("unitType", "commune")], "summary"),
    ("obs:RestorationPriorities", [("subNetwork", "wetland"), ("maxActions", "5")], "ranking"),
]


def main(url):
    wps = WebProcessingService(url, version="1.0.0")
    ids = sorted(p.identifier for p in wps.processes)
    print("processes", ids)
    for identifier in ids:
        d = wps.describeprocess(identifier)
        if not d.dataInputs or not d.processOutputs:
            raise SystemExit("DescribeProcess of %s lists no inputs or outputs" % identifier)
    if sorted(e[0] for e in EXECUTIONS) != ids:
        raise SystemExit("processes offered %s, executions known %s" % (ids, sorted(e[0] for e in EXECUTIONS)))
    for identifier, inputs, output in EXECUTIONS:
        for mode in (SYNC, ASYNC):
            ex = wps.execute(identifier, inputs, output=[(output, False)], mode=mode)
            if mode == ASYNC:
                monitorExecution(ex, sleepSecs=1)
            outputs = [o.identifier for o in ex.processOutputs]
            print(identifier, mode, ex.status, outputs)
            if ex.status != "ProcessSucceeded" or output not in outputs:
                raise SystemExit("%s (%s) did not succeed: %s %s" % (identifier, mode, ex.status, ex.errors))


if __name__ == "__main__":
    main(sys.argv[1])
