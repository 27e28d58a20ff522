"""Time to ready, for bench/lib.sh: poll a TLS server on 127.0.0.1 until METHOD PATH answers 200.

Everything is prepared and the --armed file created before the first attempt, so that the caller starts the
server only once this process is polling. Prints the wall-clock time (time.time()) at the first 200 and exits 0,
or exits 1 after --timeout seconds.
"""
import argparse
import pathlib
import socket
import ssl
import time

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--method", default="GET")
parser.add_argument("--path", default="/readyz")
parser.add_argument("--body", default="")
parser.add_argument("--armed", required=True)
parser.add_argument("--timeout", type=float, default=60)
args = parser.parse_args()

body = pathlib.Path(args.body).read_bytes() if args.method == "POST" else b""
request = (f"{args.method} {args.path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
           f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode() + body
context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE


def attempt():
    with socket.create_connection(("127.0.0.1", args.port), timeout=2) as raw:
        raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with context.wrap_socket(raw, server_hostname="localhost") as tls:
            tls.sendall(request)
            head = b""
            while b"\r\n" not in head:
                chunk = tls.recv(4096)
                if not chunk:
                    return False
                head += chunk
            return head.split(b" ", 2)[1] == b"200"


pathlib.Path(args.armed).touch()
deadline = time.monotonic() + args.timeout
while time.monotonic() < deadline:
    try:
        if attempt():
            print(f"{time.time():.6f}")
            raise SystemExit(0)
    except (OSError, IndexError):
        pass
    time.sleep(0.0005)
raise SystemExit(1)
