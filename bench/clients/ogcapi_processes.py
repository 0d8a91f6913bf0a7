"""OGC API - Processes against the server: OWSLib's owslib.ogcapi.processes.Processes lists and describes the
processes, which must be the WPS's (read by OWSLib's WPS client: identifiers and inputs); an asynchronous job
(Prefer: respond-async; OWSLib 0.27 has no execute, so plain HTTP) runs obs:CorridorIndicators to completion and its
report equals OWSLib's WPS Execute of the same inputs; the job is dismissed afterwards.
    usage: /usr/bin/python3 bench/clients/ogcapi_processes.py SERVER_URL [OUTPUT_DIR]"""
import json
import time
import urllib.error
import urllib.request

from owslib.ogcapi.processes import Processes
from owslib.wps import SYNC, WebProcessingService

from common import Checks, server_url

URL = server_url()
API = URL + "/ogcapi"
checks = Checks("OGCAPI Processes")


def http(method, url, body=None, headers=None):
    request = urllib.request.Request(url, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers=dict({"Content-Type": "application/json"}, **(headers or {})))
    try:
        with urllib.request.urlopen(request, timeout=600) as response:
            return response.status, dict(response.headers), json.load(response)
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), json.load(e)


def same_figures(a, b):
    """The same JSON document, numbers equal to 1e-9 (two executions may add floats in another order)."""
    if isinstance(b, bool) or b is None or isinstance(b, str):
        return a == b
    if isinstance(b, (int, float)):
        return isinstance(a, (int, float)) and abs(a - b) <= 1e-9 * max(1.0, abs(b))
    if isinstance(b, list):
        return isinstance(a, list) and len(a) == len(b) and all(same_figures(x, y) for x, y in zip(a, b))
    return isinstance(a, dict) and a.keys() == b.keys() and all(same_figures(a[k], b[k]) for k in b)


def owslib_lists_and_describes():
    api = Processes(API)
    wps = WebProcessingService(URL + "/wps", version="1.0.0")
    wps_ids = sorted(p.identifier for p in wps.processes)
    ids = sorted(p["id"] for p in api.processes()["processes"])
    checks.check("OWSLib lists the WPS's processes (%s)" % ", ".join(ids), ids == wps_ids, wps_ids)
    for identifier in ids:
        described = api.process(identifier)
        inputs = list(described["inputs"])
        wps_inputs = [i.identifier for i in wps.describeprocess(identifier).dataInputs]
        checks.check("OWSLib describes %s with the WPS's inputs" % identifier, inputs == wps_inputs,
                     "%s / %s" % (inputs, wps_inputs))
        checks.check("%s: a JSON schema for every input and output" % identifier,
                     all("schema" in i for i in described["inputs"].values())
                     and all("schema" in o for o in described["outputs"].values()))


def a_job_gives_the_wps_report():
    status, headers, job = http("POST", API + "/processes/obs:CorridorIndicators/execution",
                                {"inputs": {"corridor": 1}}, {"Prefer": "respond-async"})
    location = headers.get("Location")
    checks.check("respond-async answers 201 with the job's Location", status == 201 and location, (status, job))
    for _ in range(3000):
        _, _, job = http("GET", location)
        if job["status"] in ("successful", "failed", "dismissed"):
            break
        time.sleep(0.1)
    checks.check("the job ran to completion", job["status"] == "successful", job)
    _, _, results = http("GET", location + "/results")
    wps = WebProcessingService(URL + "/wps", version="1.0.0")
    execution = wps.execute("obs:CorridorIndicators", [("corridor", "1")], output=[("report", False)], mode=SYNC)
    report = json.loads(execution.processOutputs[0].data[0])
    checks.check("its report equals OWSLib's WPS Execute of the same inputs",
                 same_figures(results["report"]["value"], report))
    status, _, dismissed = http("DELETE", location)
    checks.check("the finished job is dismissed", status == 200 and dismissed["status"] == "dismissed", dismissed)
    status, _, problem = http("GET", location + "/results")
    checks.check("its results are gone (no-such-job)", status == 404 and problem["type"].endswith("/no-such-job"),
                 problem)


checks.run("OWSLib OGC API Processes", owslib_lists_and_describes)
checks.run("OGC API Processes job", a_job_gives_the_wps_report)
checks.finish()
