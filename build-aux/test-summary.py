#!/usr/bin/python3
"""Counts test cases from meson's log: each TAP line of a test is one case, and a test
that printed no TAP counts as one case with its own result."""
import json
import re
import sys

passed = failed = skipped = 0
with open(sys.argv[1], encoding="utf-8") as log:
    for line in log:
        test = json.loads(line)
        cases = re.findall(r"^(ok|not ok)\b[^\n#]*(#\s*(SKIP|TODO))?", test.get("stdout", ""), re.M)
        if not cases:
            if test["result"] == "SKIP":
                skipped += 1
            elif test["result"] in ("OK", "EXPECTEDFAIL"):
                passed += 1
            else:
                failed += 1
            continue
        for verdict, _, directive in cases:
            if directive.upper() == "SKIP":
                skipped += 1
            elif verdict == "ok":
                passed += 1
            else:
                failed += 1
        if test["result"] not in ("OK", "SKIP", "EXPECTEDFAIL") and all(v == "ok" for v, _, _ in cases):
            failed += 1  # crashed or timed out after its last case

summary = f"{passed} passed, {failed} failed"
if skipped:
    summary += f", {skipped} skipped"
print(summary)
sys.exit(1 if failed else 0)
