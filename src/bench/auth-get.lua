-- wrk: GET BENCH_PATH, each request signed in as the next user of AUTH (the data file of reports.lua).
dofile(os.getenv("BENCH_STATS_LUA"))
dofile(os.getenv("BENCH_REPORT_DATA"))
nthreads = tonumber(os.getenv("BENCH_THREADS") or "2")
local path = os.getenv("BENCH_PATH")
function request()
    local k = (counter * nthreads + thread_no) % #AUTH
    counter = counter + 1
    return wrk.format("GET", path, {["Authorization"] = AUTH[k + 1], ["Accept"] = "application/json"})
end
