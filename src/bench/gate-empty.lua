-- wrk: the gate's POST as bench-guard with an empty QR text, which validation refuses (400): the cost of the
-- stack around the gate (sign-in, JSON, JAX-RS, CDI) without its own work, the floor for phase (d). Since issue 19
-- a refusal is logged too (one row in the group-committed scan log), so the floor includes that write.
dofile(os.getenv("BENCH_STATS_LUA"))
local auth = os.getenv("BENCH_AUTH")
function request()
    counter = counter + 1
    return wrk.format("POST", "/api/v1/gate/verify",
        {["Authorization"] = auth, ["Content-Type"] = "application/json", ["Accept"] = "application/json"},
        '{"gate":"bench-gate-1","content":""}')
end
