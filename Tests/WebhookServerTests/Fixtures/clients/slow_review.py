#!/usr/bin/env python3
"""Sends half a review, waits, sends the rest, prints the response status and Connection header as JSON.
Usage: slow_review.py PORT CA REVIEW DELAY_SECONDS"""
import json, socket, ssl, sys, time
port, ca, review, delay = int(sys.argv[1]), sys.argv[2], open(sys.argv[3], "rb").read(), float(sys.argv[4])
ctx = ssl.create_default_context(cafile=ca)
s = ctx.wrap_socket(socket.create_connection(("127.0.0.1", port), timeout=20), server_hostname="localhost")
request = (f"POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
           f"Content-Length: {len(review)}\r\n\r\n").encode() + review
half = len(request) // 2
s.sendall(request[:half])
print("half", flush=True, file=sys.stderr)
time.sleep(delay)
s.sendall(request[half:])
data = b""
while b"\r\n\r\n" not in data:
    chunk = s.recv(65536)
    if not chunk:
        break
    data += chunk
head = data.split(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")
headers = {k.strip().lower(): v.strip() for k, v in (l.split(":", 1) for l in head[1:] if ":" in l)}
print(json.dumps({"status": int(head[0].split(" ")[1]) if head and head[0] else None, "connection": headers.get("connection")}))
