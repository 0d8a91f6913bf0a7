#!/usr/bin/env python3
"""Verdict on an ETS WFS 2.0 run that had failures: succeeds only when every failure is the suite's own xs:date
defect, described in bench/RESULTS.md ("WFS 2.0 conformance"): for a property typed xs:date, the comparison tests
write their expected bound as a dateTime (xs:date('2025-10-25T00:00:00.000Z')), which their own XPath check cannot
evaluate, whatever the server answered. Any other failure fails the run.
    usage: ets_suite_defects.py OUTPUT_DIR
"""
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

COMPARISON_TESTS = "org.opengis.cite.iso19142.basic.filter.ComparisonOperatorTests"
DATE_AS_DATETIME = re.compile(r"xs:date\('\d{4}-\d{2}-\d{2}T[^']*'\)\s*Invalid date \"\d{4}-\d{2}-\d{2}T")


def newest_results(out_dir):
    runs = glob.glob(os.path.join(out_dir, "**", "testng-results.xml"), recursive=True)
    if not runs:
        sys.exit(f"no testng-results.xml under {out_dir}")
    return max(runs, key=os.path.getmtime)


def is_suite_date_defect(method, klass):
    message = method.findtext("exception/message") or ""
    return klass == COMPARISON_TESTS and DATE_AS_DATETIME.search(message) is not None


def main(out_dir):
    tolerated, real = [], []
    for klass in ET.parse(newest_results(out_dir)).getroot().iter("class"):
        for method in klass.iter("test-method"):
            if method.get("status") != "FAIL" or method.get("is-config") == "true":
                continue
            (tolerated if is_suite_date_defect(method, klass.get("name")) else real).append(method.get("name"))
    for name in tolerated:
        print(f"suite defect (xs:date bound written as a dateTime, see bench/RESULTS.md): {name}")
    for name in real:
        print(f"FAILED: {name}")
    sys.exit(1 if real or not tolerated else 0)


if __name__ == "__main__":
    main(sys.argv[1])
