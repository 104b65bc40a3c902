-- wrk: GET the path in BENCH_PATH with Basic auth BENCH_AUTH; prints the STATS line.
dofile(os.getenv("BENCH_STATS_LUA"))
local path = os.getenv("BENCH_PATH")
local auth = os.getenv("BENCH_AUTH")
function request()
    return wrk.format("GET", path, {["Authorization"] = auth, ["Accept"] = "application/json"})
end
