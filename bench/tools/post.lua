-- wrk script for bench/run.sh and bench/http.sh: POSTs the file named by $BENCH_BODY as an AdmissionReview, and
-- at the end prints one line "BENCH key=value ..." with the request count, duration, latency percentiles in
-- microseconds (p99.9 too, which wrk's --latency table lacks) and the error counts.
local f = assert(io.open(os.getenv("BENCH_BODY"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*all")
f:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["User-Agent"] = "kube-apiserver-admission"

function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format(
        "BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d p999_us=%d max_us=%d " ..
        "errors_connect=%d errors_read=%d errors_write=%d errors_status=%d errors_timeout=%d\n",
        summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
        latency:percentile(99.9), latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
