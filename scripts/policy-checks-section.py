#!/usr/bin/env python3
"""Prints the `checks:` section of examples/policy.yaml from `harbormaster checks --format json` on stdin:
every check at its default severity, grouped by category, with its description and parameters as comments.
Usage: harbormaster checks --format json | scripts/policy-checks-section.py"""
import json, sys

catalogue = json.load(sys.stdin)
by_category = {}
for check in catalogue["checks"]:
    by_category.setdefault(check["category"], []).append(check)
width = max(len(c["id"]) for c in catalogue["checks"]) + 2
print("checks:")
for category, checks in by_category.items():
    print(f"  # {category}")
    for check in checks:
        note = check["description"] + (" [needs other objects: see docs/checks.md]" if check.get("needsOtherObjects") else "")
        if not check["parameters"]:
            print(f"  {(check['id'] + ':').ljust(width)}{check['severity'].ljust(8)} # {note}")
            continue
        print(f"  {check['id']}:  # {note}")
        print(f"    severity: {check['severity']}")
        for parameter in check["parameters"]:
            print(f"    # {parameter['description']}")
            default = parameter["default"]
            if isinstance(default, list):
                if default:
                    print(f"    {parameter['name']}:")
                    for item in default:
                        print(f"      - {json.dumps(item) if isinstance(item, str) and (':' in item or item.startswith('*')) else item}")
                else:
                    print(f"    {parameter['name']}: []")
            elif isinstance(default, str):
                print(f"    {parameter['name']}: {json.dumps(default)}")
            else:
                print(f"    {parameter['name']}: {json.dumps(default)}")
