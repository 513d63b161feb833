--- pith.rules: per-site extraction rules. Rule files are Lua (or FiveFilters .txt) loaded as text
-- in a sandbox, validated and compiled once; a broken file is skipped with a message naming it
-- (see rules.errors()) and its pages take the generic path.
--
-- Sources, later overriding earlier for the same host (or the same rule id): the built-ins in
-- lua/pith/sites/, the folders in PITH_RULES_PATH (colon-separated), rules.add_path(dir) calls in
-- order, rules.register(table) calls.
local compat = require "pith.compat"
local compile = require "pith.rules.compile"
local sandbox = require "pith.rules.sandbox"
local hosts = require "pith.rules.hosts"
local apply = require "pith.rules.apply"
local ftr = require "pith.rules.ftr"

local M = {}

local state

local function fresh()
  return { loaded = false, index = hosts.new(), by_id = {}, events = {}, errors = {}, seen = {} }
end
state = fresh()

local function add_error(msg)
  if not state.seen[msg] then
    state.seen[msg] = true
    state.errors[#state.errors + 1] = msg
  end
end

local function read(path)
  local f, err = io.open(path, "rb")
  if not f then return nil, err end
  local s = f:read("*a") -- "*a": also 5.1
  f:close()
  return s
end

local function list_dir(dir)
  local names = {}
  local ok, lfs = pcall(require, "lfs")
  if ok then
    local iok, iter, obj = pcall(lfs.dir, dir)
    if not iok then return nil, dir .. ": " .. tostring(iter) end
    for name in iter, obj do names[#names + 1] = name end
  else
    local p = io.popen("ls -1a -- '" .. dir:gsub("'", "'\\''") .. "' 2>/dev/null")
    if not p then return nil, dir .. ": cannot list" end
    for name in p:lines() do names[#names + 1] = name end
    p:close()
  end
  table.sort(names)
  return names
end

--- Reads and compiles one rule file (.lua or FiveFilters .txt) without registering it.
-- Returns the rule, plus a list of notes (unsupported FiveFilters directives); or nil, err.
function M.load_file(path)
  local text, err = read(path)
  if not text then return nil, path .. ": " .. tostring(err) end
  if path:match("%.txt$") then
    local raw, notes, wildcard = ftr.parse(text, path)
    local site, why = ftr.hosts_for(path)
    if not site then return nil, path .. ": not a FiveFilters site file (" .. why .. ")" end
    local rule, cerr = compile.compile(raw, path, text)
    if not rule then
      -- a line libxml2 rejects costs that line, as in FiveFilters, not the file
      raw, notes, wildcard = ftr.parse(text, path, { precheck = true })
      rule, cerr = compile.compile(raw, path, text)
    end
    if not rule then return nil, cerr end
    rule.ftr, rule.ftr_wildcard, rule.origin = true, wildcard, "ftr"
    return rule, notes
  end
  local raw, lerr = sandbox.load(text, path, sandbox.env(M.helpers))
  if raw == nil then return nil, lerr end
  local rule, cerr = compile.compile(raw, path, text)
  if not rule then return nil, cerr end
  rule.origin = "lua"
  return rule, {}
end

local function install(rule)
  local old = state.by_id[rule.id]
  if old then hosts.remove(state.index, old) end
  state.by_id[rule.id] = rule
  hosts.add(state.index, rule)
end

local function load_dir(dir)
  local names, err = list_dir(dir)
  if not names then
    add_error(err)
    return
  end
  for _, name in ipairs(names) do
    local site, why = ftr.hosts_for(name)
    if not site and name:match("%.txt$") and name:find(".", 2, true) < #name - 3 then
      add_error(dir .. "/" .. name .. ": " .. why)
    end
    if name:match("%.lua$") or (name:match("%.txt$") and site) then
      local rule, notes = M.load_file(dir .. "/" .. name)
      if rule then
        install(rule)
        for _, n in ipairs(notes) do add_error(n) end
      else
        add_error(notes)
      end
    end
  end
end

local function builtin_dir()
  local path = compat.searchpath("pith.rules", package.path)
  return path and path:gsub("rules%.lua$", "sites")
end

local function run(ev)
  if ev.dir then
    load_dir(ev.dir)
  else
    install(ev.rule)
  end
end

local function ensure()
  if state.loaded then return end
  state.loaded = true
  local dir = builtin_dir()
  if dir then load_dir(dir) end
  for d in (os.getenv("PITH_RULES_PATH") or ""):gmatch("[^:]+") do load_dir(d) end
  for _, ev in ipairs(state.events) do run(ev) end
end

--- Helpers every rule file sees (besides the pure standard library): regex = pith's pcre2,
-- date = pith's date reader (text in many forms and languages -> ISO 8601, or nil),
-- json = a JSON decoder returning nil, err on bad input (for data a page embeds in scripts).
M.helpers = {
  regex = function(p, f) return require("pith.core").regex(p, f) end,
  date = function(s) return require("pith.meta.dates").parse(s) end,
  json = function(s) return require("cjson.safe").decode(s) end,
}

--- Adds a folder of rule files; it overrides every source added before it.
function M.add_path(dir)
  local ev = { dir = (dir:gsub("/+$", "")) }
  state.events[#state.events + 1] = ev
  if state.loaded then run(ev) end
end

--- Registers a rule made in code. Returns the compiled rule, or nil and the message (also
-- recorded in rules.errors()).
function M.register(raw)
  local where = "register:" .. tostring(type(raw) == "table" and raw.id or "?")
  local rule, err = compile.compile(raw, where)
  if not rule then
    add_error(err)
    return nil, err
  end
  rule.origin = "code"
  state.events[#state.events + 1] = { rule = rule }
  if state.loaded then install(rule) end
  return rule
end

--- Messages about broken rules (each once), in the order they happened.
function M.errors()
  ensure()
  return compat.table.move(state.errors, 1, #state.errors, 1, {})
end

--- Forgets every rule, path and message (specs; a host reloading its configuration).
function M.reset()
  state = fresh()
end

--- The loaded rules, by id.
function M.list()
  ensure()
  local out = {}
  for _, r in pairs(state.by_id) do out[#out + 1] = r end
  table.sort(out, function(a, b) return a.id < b.id end)
  return out
end

--- "id@version" of a rule, or "generic".
function M.name(rule)
  return rule and (rule.id .. "@" .. rule.version) or "generic"
end

local function attr_of(doc, css, attr)
  local ok, n = pcall(doc.first, doc, css)
  return ok and n and n:attr(attr) or nil
end

-- The page's own addresses: the canonical URL the caller found (pith.metadata's), else its
-- canonical link and og:url.
local function page_urls(doc, opts)
  if opts.canonical then return { opts.canonical } end
  return { attr_of(doc, 'link[rel="canonical"]', "href"),
           attr_of(doc, 'meta[property="og:url"]', "content"),
           attr_of(doc, 'meta[name="og:url"]', "content"),
           attr_of(doc, 'meta[name="og:url"]', "value") }
end

--- The rule for a page: by the URL's host (and URL patterns); else, given the parsed document, by
-- its canonical link or og:url; else by the rules' fingerprints. nil when no rule applies.
-- Fingerprints are tried only when neither the URL nor the page's canonical address is known.
-- opts (optional): html = the page source (selectors naming classes or ids it lacks are skipped
-- without a search), canonical = the page's canonical URL when the caller already knows it.
function M.find(url, doc, opts)
  ensure()
  opts = opts or {}
  local rule = hosts.lookup(state.index, hosts.host_of(url), url)
  if rule or not doc then return rule end
  for _, u in ipairs(page_urls(doc, opts)) do
    local h = hosts.host_of(u)
    if h then
      rule = hosts.lookup(state.index, h, u)
      if rule then return rule end
    end
  end
  -- fingerprints are for pages that do not say where they come from: a page whose address is
  -- known, and matched no rule by it, is not tested against every rule's markup
  if url or opts.canonical then return nil end
  local ctx = { url = url, html = opts.html }
  for _, r in ipairs(state.index.fingerprints) do
    local hit, err = apply.fingerprint(r, doc, ctx)
    if err then add_error(err) end
    if hit then return r end
  end
  return nil
end

--- Raw-HTML replacements a rule makes before parsing (FiveFilters find_string/replace_string).
function M.rewrite(rule, html)
  if not rule or #rule.rewrite == 0 then return html end
  for _, pair in ipairs(rule.rewrite) do
    local find, repl = pair[1], pair[2]
    local out, pos = {}, 1
    while true do
      local s, e = html:find(find, pos, true)
      if not s then break end
      out[#out + 1] = html:sub(pos, s - 1)
      out[#out + 1] = repl
      pos = e + 1
    end
    if pos > 1 then
      out[#out + 1] = html:sub(pos)
      html = table.concat(out)
    end
  end
  return html
end

local function context(rule, opts)
  opts = opts or {}
  return { url = opts.url, host = hosts.host_of(opts.url), rule = M.name(rule), html = opts.html }
end

--- Field values the rule finds (never mutates the document). nil, err when a rule function fails.
function M.fields(rule, doc, opts)
  local f, err = apply.fields(rule, doc, context(rule, opts))
  if not f then add_error(err) end
  return f, err
end

--- Removes the rule's furniture (selectors and text patterns) from the whole document.
function M.prepare(rule, doc, opts)
  return apply.prepare(rule, doc, context(rule, opts))
end

--- The rule's content node (and all matched nodes), cleaned and transformed; nil if none matched.
function M.content(rule, doc, opts)
  local node, nodes, err = apply.content(rule, doc, context(rule, opts))
  if err then add_error(err) end
  return node, nodes, err
end

--- fields, then prepare, then content: {fields=, content=, content_nodes=} or nil, err.
-- On nil the document may be partly cleaned: re-parse for the generic path.
function M.apply(rule, doc, opts)
  local res, err = apply.apply(rule, doc, context(rule, opts))
  if not res then add_error(err) end
  return res, err
end

--- rules.apply in two halves, for a caller that reads the untouched document between them (pith
-- extract's generic metadata, which skips the fields the rule found). read: the fields (and the
-- matches the second half needs), without mutating anything: a state whose .fields are
-- rules.fields's, or nil, err. finish(rule, doc, state): rules.apply's result, or nil, err (the
-- document may then be partly cleaned: re-parse for the generic path).
function M.read(rule, doc, opts)
  local ctx = context(rule, opts)
  local begun, err = apply.read(rule, doc, ctx)
  if not begun then
    add_error(err)
    return nil, err
  end
  begun.ctx = ctx
  return begun
end

function M.finish(rule, doc, begun)
  local res, err = apply.finish(rule, doc, begun.ctx, begun)
  if not res then add_error(err) end
  return res, err
end

--- Runs the inline tests of a rule, a rule file, or every rule file in a folder.
-- Returns {passed=, failed=, skipped=, results={...}, lines={...}}.
function M.test(target, opts)
  return require("pith.rules.testing").run(M, target, opts)
end

return M
