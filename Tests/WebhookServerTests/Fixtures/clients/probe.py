#!/usr/bin/env python3
"""Real-client probes against a running Harbormaster server (loopback only).

Usage: probe.py --port PORT --ca CA_FILE --review REVIEW_FILE SCENARIO [ARG]
Prints one JSON object with the scenario's observations; exits 0 unless the probe itself crashed.
After every scenario it sends one valid review on a fresh connection and reports whether the answer was right
("after": true), so the Swift test can assert that the server kept serving.
"""
import argparse, json, os, socket, ssl, sys, threading, time, http.client

def context(ca):
    ctx = ssl.create_default_context(cafile=ca)
    ctx.set_alpn_protocols(["http/1.1"])
    return ctx

def tls_socket(args, timeout=10):
    raw = socket.create_connection(("127.0.0.1", args.port), timeout=timeout)
    return context(args.ca).wrap_socket(raw, server_hostname="localhost")

def request_bytes(body, path="/validate", content_type="application/json", extra=""):
    head = (f"POST {path}?timeout=10s HTTP/1.1\r\nHost: localhost\r\nUser-Agent: kube-apiserver-admission\r\n"
            f"Content-Type: {content_type}\r\nAccept: application/json, */*\r\nContent-Length: {len(body)}\r\n{extra}\r\n")
    return head.encode() + body

def read_response(sock):
    """Reads one HTTP response (Content-Length framed); returns (status, headers, body) or None on close."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {k.strip().lower(): v.strip() for k, v in (l.split(":", 1) for l in lines[1:])}
    length = int(headers.get("content-length", "0"))
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        rest += chunk
    return status, headers, rest[:length]

def uid_of(review):
    return json.loads(review)["request"]["uid"]

def valid_answer(args):
    """One review on a fresh connection: True when the reply is 200 and echoes the uid."""
    try:
        s = tls_socket(args)
        s.sendall(request_bytes(args.review_bytes))
        r = read_response(s)
        s.close()
        return r is not None and r[0] == 200 and json.loads(r[2])["response"]["uid"] == uid_of(args.review_bytes)
    except Exception as e:
        return False

def keepalive(args, n):
    s = tls_socket(args)
    ok = 0
    for _ in range(n):
        s.sendall(request_bytes(args.review_bytes))
        r = read_response(s)
        if r and r[0] == 200 and json.loads(r[2])["response"]["uid"] == uid_of(args.review_bytes):
            ok += 1
    s.close()
    return {"ok": ok, "alpn": None}

def alpn(args):
    s = tls_socket(args)
    result = {"alpn": s.selected_alpn_protocol(), "version": s.version()}
    s.close()
    return result

def concurrent(args, n):
    results = []
    lock = threading.Lock()
    def worker():
        try:
            got = keepalive(args, 10)["ok"]
        except Exception:
            got = 0
        with lock:
            results.append(got)
    threads = [threading.Thread(target=worker) for _ in range(n)]
    for t in threads: t.start()
    for t in threads: t.join()
    return {"connections": n, "ok": sum(results), "expected": n * 10}

def split(args):
    s = tls_socket(args)
    for byte in request_bytes(args.review_bytes):
        s.sendall(bytes([byte]))
    r = read_response(s)
    s.close()
    return {"status": r[0] if r else None, "uid_ok": bool(r) and json.loads(r[2])["response"]["uid"] == uid_of(args.review_bytes)}

def raw_then_close(args, payload):
    raw = socket.create_connection(("127.0.0.1", args.port), timeout=10)
    try:
        raw.sendall(payload)
        data = raw.recv(65536)
        while data:
            more = raw.recv(65536)
            if not more:
                break
            data += more
        return {"closed": True, "received": len(data)}
    except (ConnectionResetError, BrokenPipeError):
        return {"closed": True, "received": 0}
    except socket.timeout:
        return {"closed": False}
    finally:
        raw.close()

def truncated(args):
    s = tls_socket(args)
    s.sendall(request_bytes(args.review_bytes)[:200])
    s.close()
    return {"sent": 200}

def oversized(args):
    s = tls_socket(args)
    size = 8 * 1024 * 1024
    s.sendall(f"POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {size}\r\n\r\n".encode())
    r = read_response(s)
    s.close()
    return {"status": r[0] if r else None, "body": r[2].decode() if r else None, "connection": r[1].get("connection") if r else None}

def header_flood(args):
    s = tls_socket(args)
    s.sendall(b"POST /validate HTTP/1.1\r\nHost: localhost\r\n")
    try:
        for i in range(10000):
            s.sendall(f"X-Flood-{i}: {'a' * 20}\r\n".encode())
    except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
        pass
    try:
        r = read_response(s)
    except (ConnectionResetError, ssl.SSLError):
        r = None
    s.close()
    return {"status": r[0] if r else None}

def status_of(args, data):
    s = tls_socket(args)
    s.sendall(data)
    r = read_response(s)
    s.close()
    return {"status": r[0] if r else None, "body": r[2].decode() if r else None, "allow": r[1].get("allow") if r else None}

def silent(args, seconds):
    raw = socket.create_connection(("127.0.0.1", args.port), timeout=seconds + 5)
    started = time.time()
    others_ok = valid_answer(args)
    try:
        data = raw.recv(1)
        closed_after = time.time() - started
        return {"closed": data == b"", "after_seconds": round(closed_after, 2), "others_ok": others_ok}
    except socket.timeout:
        return {"closed": False, "others_ok": others_ok}
    finally:
        raw.close()

def pipelined(args):
    s = tls_socket(args)
    s.sendall(request_bytes(args.review_bytes) * 3)
    got = [read_response(s) for _ in range(3)]
    s.close()
    return {"statuses": [r[0] if r else None for r in got]}

def http_client(args):
    conn = http.client.HTTPSConnection("localhost", args.port, context=context(args.ca), timeout=10)
    conn.request("POST", "/mutate?timeout=10s", body=args.review_bytes, headers={"Content-Type": "application/json"})
    response = conn.getresponse()
    body = json.loads(response.read())
    conn.close()
    return {"status": response.status, "patchType": body["response"].get("patchType"), "allowed": body["response"]["allowed"]}

def rotation(args, seconds):
    """Fresh connection per request for `seconds`: counts failures and the distinct certificate serials seen."""
    serials, failures, ok = [], 0, 0
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            s = tls_socket(args)
            serial = s.getpeercert()["serialNumber"]
            s.sendall(request_bytes(args.review_bytes))
            r = read_response(s)
            s.close()
            if r and r[0] == 200:
                ok += 1
                if not serials or serials[-1] != serial:
                    serials.append(serial)
            else:
                failures += 1
        except Exception as e:
            failures += 1
    return {"ok": ok, "failures": failures, "serials": serials}

def cap(args, n):
    """Holds n connections open, then tries one more: past the cap it must be closed, not left hanging."""
    held = [tls_socket(args) for _ in range(n)]
    refused = False
    try:
        extra = tls_socket(args, timeout=5)
        extra.sendall(request_bytes(args.review_bytes))
        refused = read_response(extra) is None
        extra.close()
    except (ConnectionResetError, ssl.SSLError, OSError):
        refused = True
    for s in held:
        s.close()
    time.sleep(0.3)
    return {"refused": refused}

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--ca", required=True)
    parser.add_argument("--review", required=True)
    parser.add_argument("scenario")
    parser.add_argument("arg", nargs="?")
    args = parser.parse_args()
    args.review_bytes = open(args.review, "rb").read()
    scenarios = {
        "keepalive": lambda: keepalive(args, int(args.arg or 100)),
        "alpn": lambda: alpn(args),
        "concurrent": lambda: concurrent(args, int(args.arg or 64)),
        "split": lambda: split(args),
        "garbage": lambda: raw_then_close(args, os.urandom(4096)),
        "plainhttp": lambda: raw_then_close(args, request_bytes(args.review_bytes)),
        "truncated": lambda: truncated(args),
        "oversized": lambda: oversized(args),
        "headerflood": lambda: header_flood(args),
        "wrongtype": lambda: status_of(args, request_bytes(b"{}", content_type="text/plain")),
        "notfound": lambda: status_of(args, request_bytes(args.review_bytes, path="/nope")),
        "wrongmethod": lambda: status_of(args, b"GET /validate HTTP/1.1\r\nHost: localhost\r\n\r\n"),
        "chunked": lambda: status_of(args, b"POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
        "notareview": lambda: status_of(args, request_bytes(b'{"apiVersion": "v1", "kind": "Pod"}')),
        "silent": lambda: silent(args, float(args.arg or 2)),
        "pipelined": lambda: pipelined(args),
        "httpclient": lambda: http_client(args),
        "rotation": lambda: rotation(args, float(args.arg or 3)),
        "cap": lambda: cap(args, int(args.arg or 2)),
    }
    result = scenarios[args.scenario]()
    result["after"] = valid_answer(args)
    print(json.dumps(result))

if __name__ == "__main__":
    main()
