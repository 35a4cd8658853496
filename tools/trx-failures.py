#!/usr/bin/env python3
"""Prints each failed test of the TRX files given, with the first lines of its message: the build's last lines name
what failed, so a CI log that keeps only its tail still says which test to look at."""
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
failed = 0
for path in sys.argv[1:]:
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as error:
        print(f"{path}: unreadable TRX ({error})")
        continue
    for result in root.iterfind(".//t:UnitTestResult", NS):
        if result.get("outcome") in ("Passed", "NotExecuted", "Inconclusive"):
            continue
        failed += 1
        message = result.findtext("t:Output/t:ErrorInfo/t:Message", default="", namespaces=NS).strip()
        lines = [line for line in message.splitlines() if line.strip()][:6]
        print(f"FAILED {result.get('testName')} ({result.get('outcome')}, {result.get('duration')})")
        for line in lines:
            print(f"    {line[:300]}")
if failed:
    print(f"{failed} failed test(s) listed above")
