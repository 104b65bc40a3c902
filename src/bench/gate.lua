-- wrk: gate verification (POST /api/v1/gate/verify) as bench-guard, cycling through the QR texts in
-- BENCH_GATE_DATA (QR = {...}, written by src/bench/run.sh from real permits of the city).
dofile(os.getenv("BENCH_STATS_LUA"))
dofile(os.getenv("BENCH_GATE_DATA"))
nthreads = tonumber(os.getenv("BENCH_THREADS") or "2")
local auth = os.getenv("BENCH_AUTH")
function request()
    local k = (counter * nthreads + thread_no) % #QR
    counter = counter + 1
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
