"""Idle keep-alive connections, for bench/run.sh: what a server's memory is with COUNT of them open.

Opens COUNT TLS connections to 127.0.0.1:PORT, sends one POST of BODY to PATH on each (as the API server does
before it leaves a connection idle in its pool) and reads the answer, keeps them all open for --hold seconds,
then prints the server's VmRSS, RssAnon and VmHWM (kB, from /proc/PID/status) as "key=value" pairs and closes
them.
"""
import argparse
import pathlib
import resource
import socket
import ssl
import time

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--pid", type=int, required=True)
parser.add_argument("--path", default="/validate")
parser.add_argument("--body", required=True)
parser.add_argument("--count", type=int, default=500)
parser.add_argument("--hold", type=float, default=1.0)
args = parser.parse_args()

soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
if soft < args.count + 64:
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, args.count + 64), hard))

body = pathlib.Path(args.body).read_bytes()
request = (f"POST {args.path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
           f"Content-Length: {len(body)}\r\n\r\n").encode() + body
context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE


def read_response(tls):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = tls.recv(65536)
        if not chunk:
            raise ConnectionError("closed before the answer")
        data += chunk
    head, rest = data.split(b"\r\n\r\n", 1)
    status = head.split(b" ", 2)[1]
    length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")[1:]
                  if line.lower().startswith(b"content-length:"))
    while len(rest) < length:
        chunk = tls.recv(65536)
        if not chunk:
            raise ConnectionError("closed in the middle of the answer")
        rest += chunk
    if status != b"200":
        raise ConnectionError(f"status {status.decode()}")


def status_kb(key):
    for line in pathlib.Path(f"/proc/{args.pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return -1


connections = []
try:
    for _ in range(args.count):
        raw = socket.create_connection(("127.0.0.1", args.port), timeout=10)
        tls = context.wrap_socket(raw, server_hostname="localhost")
        connections.append(tls)
        tls.sendall(request)
        read_response(tls)
    time.sleep(args.hold)
    print(f"idle_open={len(connections)} idle_rss_kb={status_kb('VmRSS')} idle_anon_kb={status_kb('RssAnon')} "
          f"idle_peak_rss_kb={status_kb('VmHWM')}")
finally:
    for tls in connections:
        tls.close()
