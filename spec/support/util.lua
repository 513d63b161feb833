--- Helpers the specs share: reading and writing files, running shell commands.
local M = {}

--- Quotes s as one shell word.
function M.sh_quote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

--- The whole file at path, or nil when it cannot be opened.
function M.slurp(path)
  local f = io.open(path, "rb")
  if not f then return nil end
  local s = f:read("*a")
  f:close()
  return s
end

--- The whole file at path; raises when it cannot be opened.
function M.read(path)
  local s = M.slurp(path)
  if not s then error("cannot read " .. path, 2) end
  return s
end

--- A page file's HTML: read, and gunzipped when the name ends in .gz.
function M.page(path)
  local s = M.read(path)
  if path:match("%.gz$") then s = assert(require("pith.core").gunzip(s)) end
  return s
end

--- Writes s to path.
function M.spit(path, s)
  local f = assert(io.open(path, "wb"))
  f:write(s)
  f:close()
end

--- The standard output of a shell command.
function M.capture(cmd)
  local p = assert(io.popen(cmd))
  local s = p:read("*a")
  p:close()
  return s
end

--- Runs a shell command line with no standard input; returns stdout, stderr, exit code.
function M.run(cmdline)
  local out, err = os.tmpname(), os.tmpname()
  local _, _, code = os.execute("(" .. cmdline .. ") >" .. out .. " 2>" .. err .. " </dev/null")
  local o, e = M.slurp(out), M.slurp(err)
  os.remove(out)
  os.remove(err)
  return o, e, code
end

return M
