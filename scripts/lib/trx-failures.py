#!/usr/bin/env python3
"""Prints each failed test of the given TRX files with the first lines of its message and stack."""
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}

for path in sys.argv[1:]:
    root = ET.parse(path).getroot()
    for result in root.iterfind(".//t:UnitTestResult", NS):
        if result.get("outcome") != "Failed":
            continue
        print(f"- {result.get('testName')} ({result.get('duration')})")
        info = result.find("t:Output/t:ErrorInfo", NS)
        if info is None:
            continue
        for tag, limit in (("Message", 12), ("StackTrace", 8)):
            node = info.find(f"t:{tag}", NS)
            if node is not None and node.text:
                for line in node.text.strip().splitlines()[:limit]:
                    print(f"    {line}")
