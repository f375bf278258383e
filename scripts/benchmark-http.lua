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

local body = [[{"statement":"Benchmark %s: officials expect summit number %d to be held next week",]]
    .. [["topics":["benchmark"],"report":{"article":{"url":"https://bench.example/%s","title":"Benchmark article %s",]]
    .. [["publisher":{"slug":"yonhap"},"publishedAt":"2023-09-11T00:00:00Z"},]]
    .. [["quote":"Officials said the summit would take place on Wednesday.",]]
    .. [["chain":[{"source":{"slug":"kcna"},"role":"origin"}],"statedConfidence":0.6}}]]

function request()
    if not post then return wrk.format() end
    counter = counter + 1
    local id = prefix .. "-" .. (thread_id or 0) .. "-" .. counter
    wrk.headers["Idempotency-Key"] = id
    return wrk.format(nil, nil, nil, string.format(body, id, counter, id, id))
end
