-- scripts/benchmark-http.lua — wrk script for scripts/benchmark-http.sh.
-- GET operations: only reads KEY (X-Api-Key) when set. With BENCH_POST=1 every request is a POST /claims with a
-- statement, article URL and Idempotency-Key of its own (BENCH_PREFIX keeps runs and targets apart), so the API's
-- duplicate check never answers 409 and each request writes the same rows.
local key = os.getenv("KEY")
local post = os.getenv("BENCH_POST") == "1"
local prefix = os.getenv("BENCH_PREFIX") or tostring(os.time())
local threads = 0
local counter = 0

function setup(thread)
    threads = threads + 1
    thread:set("thread_id", threads)
end

function init(args)
    wrk.headers["Accept"] = "application/json"
    if key and key ~= "" then wrk.headers["X-Api-Key"] = key end
    if post then
        wrk.method = "POST"
        wrk.headers["Content-Type"] = "application/json"
    end
end

-- Statements vary in their words, as real ones do: near-identical statements would make every create's
-- similar-claims lookup find a crowd of candidates.
local words = { "minister", "summit", "border", "talks", "election", "railway", "harbour", "treaty", "strike",
    "budget", "drought", "vaccine", "pipeline", "satellite", "ceasefire", "tariff", "refinery", "bridge", "court",
    "reactor", "airport", "festival", "merger", "protest", "embassy", "flood", "ferry", "census", "stadium", "mine" }
local seed = 0

local function pick()
    seed = (seed * 1103515245 + 12345) % 2147483648
    return words[(seed % #words) + 1]
end

local body = [[{"statement":"Officials expect the %s %s %s %s to be settled (benchmark %s)",]]
    .. [["topics":["benchmark"],"report":{"article":{"url":"https://bench.example/%s","title":"Benchmark article %s",]]
    .. [["publisher":{"slug":"yonhap"},"publishedAt":"2023-09-11T00:00:00Z"},]]
    .. [["quote":"Officials said the summit would take place on Wednesday.",]]
    .. [["chain":[{"source":{"slug":"kcna"},"role":"origin"}],"statedConfidence":0.6}}]]

function request()
    if not post then return wrk.format() end
    counter = counter + 1
    local id = prefix .. "-" .. (thread_id or 0) .. "-" .. counter
    wrk.headers["Idempotency-Key"] = id
    seed = counter * 7919 + (thread_id or 0)
    return wrk.format(nil, nil, nil, string.format(body, pick(), pick(), pick(), pick(), id, id, id))
end
