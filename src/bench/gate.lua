-- wrk: gate verification (POST /api/v1/gate/verify) as bench-guard, cycling through the QR texts in
-- BENCH_GATE_DATA (QR = {...}, written by src/bench/run.sh from real permits of the city).
dofile(os.getenv("BENCH_STATS_LUA"))
dofile(os.getenv("BENCH_GATE_DATA"))
nthreads = tonumber(os.getenv("BENCH_THREADS") or "2")
local auth = os.getenv("BENCH_AUTH")
-- BENCH_GATE_ONCE: each text is meant to be scanned once (cold); a request past the end repeats one and is counted.
local once = os.getenv("BENCH_GATE_ONCE")
function request()
    local n = counter * nthreads + thread_no
    local k = n % #QR
    counter = counter + 1
    if once and n >= #QR then statuses["x_repeated"] = (statuses["x_repeated"] or 0) + 1 end
    return wrk.format("POST", "/api/v1/gate/verify",
        {["Authorization"] = auth, ["Content-Type"] = "application/json", ["Accept"] = "application/json"},
        '{"gate":"bench-gate-' .. (thread_no + 1) .. '","content":"' .. QR[k + 1] .. '"}')
end
-- Verdicts are counted beside the statuses (STATS shows them as sv_VALID=..., sv_FORGED=...).
function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
    local v = body and string.match(body, '"result":"([%u_]+)"')
    if v then statuses["v_" .. v] = (statuses["v_" .. v] or 0) + 1 end
end
