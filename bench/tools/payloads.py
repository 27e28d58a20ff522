"""Request bodies for bench/run.sh, generated from the samples (bench/InProcess/Benchmark.swift builds the same).

    python3 payloads.py OUT_DIR

writes, as compact JSON (the way the API server sends it):
  small-pod.json        samples/reviews/pod-update.json as a CREATE (no oldObject), with the security contexts of
                        deployment-good.json so that it is allowed: about 1.3 KB
  large-deployment.json samples/reviews/deployment-good.json with 8 containers of 950 more env entries each:
                        about 1 MB, allowed
"""
import copy
import json
import pathlib
import sys

ENV_PER_CONTAINER = 950
CONTAINERS = 8


def small_pod(update, good):
    review = copy.deepcopy(update)
    request = review["request"]
    good_spec = good["request"]["object"]["spec"]["template"]["spec"]
    pod_spec = request["object"]["spec"]
    pod_spec["securityContext"] = copy.deepcopy(good_spec["securityContext"])
    pod_spec["containers"][0]["securityContext"] = copy.deepcopy(good_spec["containers"][0]["securityContext"])
    request["operation"] = "CREATE"
    request["oldObject"] = None
    request["options"] = {"apiVersion": "meta.k8s.io/v1", "kind": "CreateOptions"}
    return review


def deployment_with(good, containers, env_per_container):
    """deployment-good with `containers` copies of its container (app-0, app-1, ..., ports 8080, 8081, ...),
    each with `env_per_container` more env entries of about 110 bytes."""
    review = copy.deepcopy(good)
    spec = review["request"]["object"]["spec"]["template"]["spec"]
    template = spec["containers"][0]
    spec["containers"] = []
    for i in range(containers):
        container = copy.deepcopy(template)
        container["name"] = f"app-{i}"
        container["ports"][0]["containerPort"] = 8080 + i
        container["env"] += [{"name": f"SETTING_{i}_{j:04d}", "value": f"value-{j:04d}-" + "abcdefghij" * 9}
                             for j in range(env_per_container)]
        spec["containers"].append(container)
    return review


def compact(value):
    return json.dumps(value, separators=(",", ":"))


if __name__ == "__main__":
    root = pathlib.Path(__file__).resolve().parents[2]
    out = pathlib.Path(sys.argv[1])
    update = json.loads((root / "samples/reviews/pod-update.json").read_text())
    good = json.loads((root / "samples/reviews/deployment-good.json").read_text())
    (out / "small-pod.json").write_text(compact(small_pod(update, good)))
    (out / "large-deployment.json").write_text(compact(deployment_with(good, CONTAINERS, ENV_PER_CONTAINER)))
