-- wrk: prints status counts and latency percentiles (ms) as one line "STATS k=v ..." for src/bench/run.sh.
-- Other scripts dofile() it and may replace request/init (keeping "statuses = {}" in init).
threads = {}
next_thread = 0
function setup(thread)
    thread:set("thread_no", next_thread)
    next_thread = next_thread + 1
    table.insert(threads, thread)
end
function init(args) statuses = {}; counter = 0 end
function response(status, headers, body) statuses[status] = (statuses[status] or 0) + 1 end
function done(summary, latency, requests)
    local counts = {}
    for _, t in ipairs(threads) do
        local s = t:get("statuses")
        for k, v in pairs(s) do counts[k] = (counts[k] or 0) + v end
    end
    local parts = {}
    for k, v in pairs(counts) do table.insert(parts, "s" .. k .. "=" .. v) end
    io.write(string.format("STATS n=%d rps=%.1f p50=%.1f p95=%.1f p99=%.1f max=%.1f errors=%d %s\n",
        summary.requests, summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
        latency.max / 1000, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
        table.concat(parts, " ")))
end
