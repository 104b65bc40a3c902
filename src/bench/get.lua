-- wrk: GET the path in BENCH_PATH with Basic auth BENCH_AUTH (none when BENCH_AUTH is empty: public endpoints);
-- prints the STATS line.
dofile(os.getenv("BENCH_STATS_LUA"))
local path = os.getenv("BENCH_PATH")
local auth = os.getenv("BENCH_AUTH")
local headers = {["Accept"] = "application/json"}
if auth and auth ~= "" then headers["Authorization"] = auth end
function request()
    return wrk.format("GET", path, headers)
end
