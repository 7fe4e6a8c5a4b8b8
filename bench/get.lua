-- wrk: GET $GET_PATH (a query in the URL) with If-None-Match: $IF_NONE_MATCH, as a browser that
-- holds the answer revalidates it.
wrk.method = "GET"
wrk.path = os.getenv("GET_PATH")
wrk.headers["Accept"] = "application/json"
local etag = os.getenv("IF_NONE_MATCH")
if etag and etag ~= "" then
  wrk.headers["If-None-Match"] = etag
end
