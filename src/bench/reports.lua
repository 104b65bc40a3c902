-- wrk: daily reports of the benchmark firms (bench-mgr-NNN, Basic auth) for today and the 7 back-fill days.
-- FIRMS, AUTH and DAYS come from the data file src/bench/run.sh writes (BENCH_REPORT_DATA).
dofile(os.getenv("BENCH_STATS_LUA"))
dofile(os.getenv("BENCH_REPORT_DATA"))
nthreads = tonumber(os.getenv("BENCH_THREADS") or "2")
-- Each thread walks its own (firm, day) pairs: the first pass creates reports (201), later passes re-file (200).
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
