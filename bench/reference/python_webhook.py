"""What users write instead: a validating admission webhook in Python, the way the tutorials write one.

aiohttp over TLS (Python's ssl), one process; the same few checks Harbormaster's default policy denies or warns on
(image tag, privileged, requests and limits, probes), written the usual way: parse the JSON, walk the containers,
build the response. Used by bench/run.sh as the "hand-written webhook" column; not part of Harbormaster.

    python python_webhook.py --cert cert.pem --key key.pem --port 8443
"""
import argparse
import ssl

from aiohttp import web


def pod_spec(obj):
    kind = obj.get("kind")
    spec = obj.get("spec") or {}
    if kind == "Pod":
        return spec
    if kind == "CronJob":
        return spec.get("jobTemplate", {}).get("spec", {}).get("template", {}).get("spec", {})
    return spec.get("template", {}).get("spec", {})


def check_container(c):
    denials, warnings = [], []
    name = c.get("name", "")
    image = c.get("image", "")
    if "@" not in image and (":" not in image.rsplit("/", 1)[-1] or image.endswith(":latest")):
        denials.append(f'container "{name}": image should name a tag other than latest')
    if (c.get("securityContext") or {}).get("privileged"):
        denials.append(f'container "{name}": should not run privileged')
    resources = c.get("resources") or {}
    for field in ("requests", "limits"):
        for resource in ("cpu", "memory"):
            if resource not in (resources.get(field) or {}):
                warnings.append(f'container "{name}": {resource} {field} should be set')
    for probe in ("livenessProbe", "readinessProbe"):
        if probe not in c:
            warnings.append(f'container "{name}": {probe} should be configured')
    return denials, warnings


async def validate(request):
    review = await request.json()
    req = review["request"]
    denials, warnings = [], []
    spec = pod_spec(req.get("object") or {})
    for c in spec.get("initContainers", []) + spec.get("containers", []):
        d, w = check_container(c)
        denials += d
        warnings += w
    response = {"uid": req["uid"], "allowed": not denials}
    if denials:
        response["status"] = {"code": 403, "message": "denied: " + "; ".join(denials)}
    if warnings:
        response["warnings"] = warnings
    return web.json_response({"apiVersion": review.get("apiVersion", "admission.k8s.io/v1"),
                              "kind": "AdmissionReview", "response": response})


async def healthz(request):
    return web.Response(text="ok")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8443)
    args = parser.parse_args()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)
    app = web.Application(client_max_size=8 * 1024 * 1024)
    app.add_routes([web.post("/validate", validate), web.get("/healthz", healthz)])
    web.run_app(app, host=args.host, port=args.port, ssl_context=context, access_log=None, print=None)


if __name__ == "__main__":
    main()
