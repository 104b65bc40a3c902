-- wrk: daily reports of the benchmark firms (Basic auth of each firm's manager) for today and the 7 back-fill days.
-- FIRMS, AUTH and DAYS come from the data file src/bench/run.sh (or soak.sh) writes (BENCH_REPORT_DATA).
-- With BENCH_RECORD set, every answer is appended to BENCH_RECORD.<thread> as "status firmId reportDate"
-- (firm and day read from the answer's body; "status - -" when it has none), for soak.sh's check.
dofile(os.getenv("BENCH_STATS_LUA"))
dofile(os.getenv("BENCH_REPORT_DATA"))
nthreads = tonumber(os.getenv("BENCH_THREADS") or "2")
local record = os.getenv("BENCH_RECORD")
function init(args)
    statuses = {}; counter = 0
    if record then out = io.open(record .. "." .. thread_no, "w"); out:setvbuf("line") end
end
-- Each thread walks its own (firm, day) pairs, firm-major within a day: the first pass over all pairs
-- creates reports (201), later passes re-file the same facts (200, nothing written).
function request()
    local total = #FIRMS * #DAYS
    local k = (counter * nthreads + thread_no) % total
    counter = counter + 1
    local f = (k % #FIRMS) + 1
    local d = math.floor(k / #FIRMS) + 1
    local body = '{"reportDate":"' .. DAYS[d] .. '","staffOnSite":0,"temperatureChecks":0,"feverCount":0,' ..
                 '"symptomCount":0,"positiveCount":0,"isolatedCount":0,"testsDone":0,"abnormalDetails":null,' ..
                 '"productionStatus":"STOPPED","capacityPct":0}'
    return wrk.format("POST", "/api/v1/firms/" .. FIRMS[f] .. "/reports",
        {["Authorization"] = AUTH[f], ["Content-Type"] = "application/json", ["Accept"] = "application/json"}, body)
end
function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
    if out then
        local firm = body and string.match(body, '"firmId":(%d+)')
        local day = body and string.match(body, '"reportDate":"([%d-]+)"')
        out:write(status, " ", firm or "-", " ", day or "-", "\n")
    end
end
