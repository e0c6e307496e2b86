-- wrk script: first-contact lookups cycling through people of the store, as a signed-in
-- call handler. Reads VIGIL_PEOPLE (lines "given|family|yyyy-mm-dd") and VIGIL_TOKEN.
local people = {}
local token = os.getenv("VIGIL_TOKEN")
local function enc(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
for line in io.lines(os.getenv("VIGIL_PEOPLE")) do
  local g, f, d = line:match("^(.-)|(.-)|(.*)$")
  if g then
    local p = "/api/lookup?given=" .. enc(g) .. "&family=" .. enc(f)
    if d ~= "" then p = p .. "&dob=" .. d end
    people[#people + 1] = p
  end
end
local i = 0
request = function()
  i = i % #people + 1
  return wrk.format("GET", people[i], {["Authorization"] = "Bearer " .. token})
end
local errors = 0
response = function(status, headers, body)
  if status ~= 200 then errors = errors + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("lookups: %d requests, %d non-200, %d socket errors (connect %d, read %d, write %d, timeout %d)\n",
    summary.requests, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
  io.write(string.format("latency p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
