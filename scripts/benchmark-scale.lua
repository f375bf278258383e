-- scripts/benchmark-scale.lua — wrk script for scripts/benchmark-scale.sh (one client, one operation per run).
-- KEY: X-Api-Key. BODY: a JSON body to POST as is (POST /claims/similar). BENCH_POST=1: every request is a
-- POST /claims with a statement, article URL and Idempotency-Key of its own, citing the generated sources
-- BUSY (publisher) and QUIET (origin), so each request writes the same rows and the busy source's counts change.
local key = os.getenv("KEY")
local fixed = os.getenv("BODY")
local post = os.getenv("BENCH_POST") == "1"
local prefix = os.getenv("BENCH_PREFIX") or tostring(os.time())
local busy = os.getenv("BUSY") or "bench-source-1"
local quiet = os.getenv("QUIET") or "bench-source-200"
local counter = 0

function init(args)
    wrk.headers["Accept"] = "application/json"
    if key and key ~= "" then wrk.headers["X-Api-Key"] = key end
    if post or (fixed and fixed ~= "") then
        wrk.method = "POST"
        wrk.headers["Content-Type"] = "application/json"
    end
    if fixed and fixed ~= "" then wrk.body = fixed end
end

local words = { "minister", "summit", "border", "talks", "election", "railway", "harbour", "treaty", "strike",
    "budget", "drought", "vaccine", "pipeline", "satellite", "ceasefire", "tariff", "refinery", "bridge", "court",
    "reactor", "airport", "festival", "merger", "protest", "embassy", "flood", "ferry", "census", "stadium", "mine" }
local seed = 0

local function pick()
    seed = (seed * 1103515245 + 12345) % 2147483648
    return words[(seed % #words) + 1]
end

local body = [[{"statement":"Officials expect the %s %s %s %s to be settled (scale benchmark %s)",]]
    .. [["topics":["benchmark"],"report":{"article":{"url":"https://bench.example/scale/%s","title":"Benchmark article %s",]]
    .. [["publisher":{"slug":"%s"},"publishedAt":"2025-09-11T00:00:00Z"},]]
    .. [["quote":"Officials said the summit would take place on Wednesday.",]]
    .. [["chain":[{"source":{"slug":"%s"},"role":"origin"}],"statedConfidence":0.6}}]]

function request()
    if not post then return wrk.format() end
    counter = counter + 1
    local id = prefix .. "-" .. counter
    wrk.headers["Idempotency-Key"] = id
    seed = counter * 7919
    return wrk.format(nil, nil, nil, string.format(body, pick(), pick(), pick(), pick(), id, id, id, busy, quiet))
end
