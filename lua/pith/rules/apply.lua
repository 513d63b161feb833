--- Runs a compiled rule on a parsed document: reads its fields, removes furniture (selectors and
-- text patterns), selects the content and applies the content transforms. Declarative parts are
-- C calls on precompiled selectors; only the rule's own functions run in the sandbox.
local dates = require "pith.meta.dates"
local str = require "pith.meta.str"
local literal = require "pith.rules.literal"
local query = require "pith.rules.query"
local sandbox = require "pith.rules.sandbox"

local M = {}

-- the fields a rule's `timezone` applies to
local DATE_FIELDS = { "date", "date_modified" }

local function call(rule, fn, ...)
  return sandbox.call(rule.file or rule.id, nil, fn, ...)
end

local function as_list(v)
  if v == nil then return {} end
  if type(v) == "table" then
    local out = {}
    for _, x in ipairs(v) do
      x = query.squash(type(x) == "string" and x or tostring(x))
      if x then out[#out + 1] = x end
    end
    return out
  end
  local s = query.squash(tostring(v))
  return { s }
end

--- Does the rule's fingerprint recognise this document?
function M.fingerprint(rule, doc, ctx)
  local fp = rule.fingerprint
  if type(fp) == "function" then
    local ok, res = call(rule, fp, doc, ctx)
    if not ok then return nil, res end
    return res and true or false
  end
  -- a query can still fail on the page (XPath operation limit on a huge document): a rule
  -- error, never an error out of pith.extract
  local ok, res = pcall(function()
    for _, q in ipairs(fp or {}) do
      if q.value or #query.values(q, doc, ctx) > 0 then return true end
    end
    return false
  end)
  if not ok then return nil, (rule.file or rule.id) .. ": fingerprint: " .. tostring(res) end
  return res
end

--- Field values the rule finds: {title = "...", authors = {...}, ...}; fields it does not find are
-- absent (the caller takes them from the generic extractor). Reads only, never mutates.
-- found: what doc:select_many gives for a list starting with rule.field_css (M.apply's one walk).
function M.fields(rule, doc, ctx, found)
  local out = {}
  -- every CSS candidate of every field from one walk of the document
  found = found or rule.field_css and #rule.field_css > 0 and doc:select_many(rule.field_css)
  for name, f in pairs(rule.fields) do
    local values = {}
    if f.none then out[name] = false end
    for _, c in ipairs(f.cands) do
      if c.fn then
        local ok, res = call(rule, c.fn, doc, ctx)
        if not ok then return nil, res end
        values = as_list(res)
      elseif found and rule.field_slot[c] then
        values = query.node_values(c, found[rule.field_slot[c]])
      else
        values = query.values(c, doc, ctx)
      end
      if f.clean and #values > 0 then
        local cleaned = {}
        for _, v in ipairs(values) do
          local ok, res = call(rule, f.clean, v, ctx)
          if not ok then return nil, res end
          for _, x in ipairs(as_list(res)) do cleaned[#cleaned + 1] = x end
        end
        values = cleaned
      end
      if #values > 0 then break end
    end
    if #values > 0 then
      if name == "authors" or name == "tags" or name == "categories" then
        out[name] = values
      elseif f.all then
        out[name] = table.concat(values, ", ")
      else
        out[name] = values[1]
      end
    end
  end
  if rule.timezone then
    for _, name in ipairs(DATE_FIELDS) do
      local v = out[name]
      local iso = type(v) == "string" and dates.parse(v)
      out[name] = iso and dates.to_utc(iso, rule.timezone) or v
    end
  end
  return out
end

local BLOCK = {
  p = true, div = true, li = true, ul = true, ol = true, h1 = true, h2 = true, h3 = true, h4 = true,
  h5 = true, h6 = true, section = true, aside = true, header = true, footer = true, figure = true,
  figcaption = true, blockquote = true, table = true, tr = true, td = true, th = true, dl = true,
  dt = true, dd = true, nav = true, form = true, button = true, article = true, main = true,
}

local trim = str.squash

-- Is n one of roots or an ancestor of one? (Climbing must never swallow the article.)
local function holds_root(n, roots)
  for _, r in ipairs(roots) do
    local a = r
    while a do
      if a == n then return true end
      a = a:parent()
    end
  end
  return false
end

-- The element a text pattern removes: the element itself, its block, or the widget around it
-- (ancestors whose text still starts with the matched text and stays short).
local function target(el, tr, text, roots)
  if tr.scope == "self" then return el end
  local n = el
  while not BLOCK[n:tag()] do
    local p = n:parent()
    if not p or holds_root(p, roots) then break end
    n = p
  end
  if tr.scope == "container" then
    while true do
      local p = n:parent()
      if not p or p:tag() == "body" or p:tag() == "html" or holds_root(p, roots) then break end
      local pt = trim(p:text())
      if #pt > tr.max_chars or pt:sub(1, #text) ~= text then break end
      n = p
    end
  end
  return n
end

--- Removes the blocks whose text matches one of the text rules, never `root` itself.
-- Where text rule tr's required literal occurs in full (in lower = full:lower() when caseless;
-- see literal.may_match): a list of positions, or nil when there is no literal to find (or
-- lower is false: case folds other than ASCII's).
local function occurrences(tr, full, lower)
  local lit, hay = tr.literal, full
  if tr.flags:find("i", 1, true) then hay = lower end
  if not lit or not hay then return nil end
  local out, at = {}, hay:find(lit, 1, true)
  while at do
    out[#out + 1] = at
    at = hay:find(lit, at + 1, true)
  end
  return out
end

-- Iterator over the lines of full (the texts of text_elements(true), newline-joined) a rule of
-- `active` can match, as index, text, rules to test (in order): a line holding the literal of a
-- rule (a match of the rule holds it), or every line when some rule has no literal (`always`).
-- hits: {position, rule} pairs sorted by position.
local function candidates(active, always, hits, full)
  local every = always ~= nil
  always = always or {}
  local k, line, pos = 1, 1, 1
  return function()
    while hits[k] and hits[k][1] < pos do k = k + 1 end
    if pos > #full + 1 or (not every and not hits[k]) then return nil end
    -- step over the lines before the next hit (a plain find each: a Lua pattern would step
    -- through every byte)
    local nl = full:find("\n", pos, true)
    while not every and nl and nl < hits[k][1] do
      line, pos = line + 1, nl + 1
      nl = full:find("\n", pos, true)
    end
    nl = nl or #full + 1
    local here = {}
    while hits[k] and hits[k][1] < nl do
      here[hits[k][2]] = true
      k = k + 1
    end
    local list = {}
    for _, tr in ipairs(active) do
      if always[tr] or here[tr] then list[#list + 1] = tr end
    end
    local i, text = line, full:sub(pos, nl - 1)
    line, pos = line + 1, nl + 1
    return i, text, list
  end
end

-- A prefilter on all the candidates' texts joined keeps the common case (nothing matches) to one
-- plain find (of the literal the pattern needs) or regex search per rule; a rule that passes it
-- is tested only on the lines holding its literal (when it has one).
-- extra_roots: nodes never to remove either, or a function giving them (called only when a
-- pattern can match, as finding them costs selector runs).
local function remove_text(rules, root, extra_roots)
  if #rules == 0 or not root then return 0 end
  -- every element with text of its own, and the squashed texts joined (the prefilter's input;
  -- a squashed text holds no newline), read in one C pass before any removal: an element's text
  -- cannot change before its turn (what is removed earlier precedes it in document order, so it
  -- is outside its subtree or holds all of it)
  local full, els = root:text_elements(true)
  if full == "" then return 0 end
  -- a resource limit (MATCHLIMIT...) is a rule error, never a silent "no match"
  local function test(re, tr, s)
    local hit, err = re:test(s)
    if err then error("remove_text pattern '" .. tr.pattern .. "': " .. err, 0) end
    return hit
  end
  local active, always, hits, lower = {}, nil, {}, nil
  for _, tr in ipairs(rules) do
    local may
    may, lower = literal.may_match(tr.literal, tr.flags:find("i", 1, true), full, lower)
    if may and test(tr.re_block, tr, full) then
      local at = occurrences(tr, full, lower)
      active[#active + 1] = tr
      if at then
        for _, p in ipairs(at) do hits[#hits + 1] = { p, tr } end
      else
        always = always or {}
        always[tr] = true
      end
    end
  end
  if #active == 0 then return 0 end
  table.sort(hits, function(x, y) return x[1] < y[1] end)
  local roots = { root }
  if type(extra_roots) == "function" then extra_roots = extra_roots() end
  for _, r in ipairs(extra_roots or {}) do roots[#roots + 1] = r end
  local removed = 0
  for i, text, list in candidates(active, always, hits, full) do
    for _, tr in ipairs(list) do
      if test(tr.re, tr, text) then
        local t = target(els[i], tr, text, roots)
        if not holds_root(t, roots) then
          t:remove()
          removed = removed + 1
        end
        break
      end
    end
  end
  return removed
end
M.remove_text = remove_text

--- Removes every node a list of queries selects under scope. The CSS ones run as ONE selector
-- group (one walk over the tree, each element's classes read once), on the tree as it is before
-- any of them removes anything; the others one by one. The group skips the needle test: a
-- selector costs the walk less than a search of the page source for a name it lacks.
local function remove_all(list, scope, src)
  local group
  for _, q in ipairs(list) do
    if q.css then
      group = group or {}
      group[#group + 1] = q.css
    else
      for _, n in ipairs(query.nodes(q, scope, src)) do n:remove() end
    end
  end
  if group then
    for _, n in ipairs(scope:select(table.concat(group, ", "))) do n:remove() end
  end
end
M.remove_all = remove_all

-- Is n still in doc's tree (no removal took it or an ancestor out)? known: answers so far, for
-- the nodes on the way up, valid until the next removal.
local function attached(n, root, known)
  local path, p, ok = {}, n, nil
  while ok == nil do
    ok = known[p]
    if ok == nil then
      path[#path + 1] = p
      local up = p:parent()
      if not up then ok = p == root end
      p = up
    end
  end
  for _, x in ipairs(path) do known[x] = ok end
  return ok
end

-- The nodes content selector q selects in doc now: from pre (matches found before the
-- removals, of which the attached ones are what q finds after them), else by a walk.
local function content_nodes(q, doc, src, pre)
  local before = pre and pre.content[q]
  if not before then return query.nodes(q, doc, src) end
  if #before == 0 then return {} end
  -- (the needles' search of the page source, once per selector: choosing the content and
  -- guarding every content match from the text patterns both ask)
  local may = pre.may_match[q]
  if may == nil then
    may = query.may_match(q, src)
    pre.may_match[q] = may
  end
  if not may then return {} end
  local out, root, known = {}, doc:root(), {}
  for _, n in ipairs(before) do
    if attached(n, root, known) then out[#out + 1] = n end
  end
  return out
end

-- What M.apply asks of the untouched document, as one doc:select_many list: the fields' CSS
-- candidates (rule.field_css, first, so its slots stay valid), the removal group, and the content
-- selectors a removal cannot make match (no sibling combinator or pseudo-class: removing only
-- detaches subtrees, so such a selector afterwards finds what it found before, less the
-- detached nodes). One walk instead of three reads each element's classes once. Made once per
-- rule.
local function walk_plan(rule)
  if rule.walk_plan then return rule.walk_plan end
  local plan = { list = {}, content = {} }
  for i, css in ipairs(rule.field_css or {}) do plan.list[i] = css end
  local group = {}
  for _, q in ipairs(rule.remove) do
    group = group and q.css and group or nil
    if group then group[#group + 1] = q.css end
  end
  -- (a removal by XPath runs before the group does: the group then sees the tree without it)
  if group and #group > 0 then
    plan.list[#plan.list + 1] = table.concat(group, ", ")
    plan.remove = #plan.list
  end
  for _, q in ipairs(rule.content.select) do
    if q.css and not q.css:find("[+~:(]") then
      plan.list[#plan.list + 1] = q.css
      plan.content[q] = #plan.list
    end
  end
  rule.walk_plan = plan
  return plan
end

-- The removal group's nodes (found before, when pre has them) and the rule's other removals.
local function remove_selected(rule, doc, src, pre)
  if pre and pre.remove then
    for _, n in ipairs(pre.remove) do n:remove() end
  else
    remove_all(rule.remove, doc, src)
  end
end

-- Every match of every content selector: nodes a text pattern never removes (nor an ancestor).
-- (A function: found once, when a pattern first can match, as finding them costs selector runs.)
local function content_roots(rule, doc, src, pre)
  local extra
  return function()
    if not extra then
      extra = {}
      for _, sel in ipairs(rule.content.select) do
        for _, n in ipairs(content_nodes(sel, doc, src, pre)) do extra[#extra + 1] = n end
      end
    end
    return extra
  end
end

--- Removes the rule's furniture from the whole document (selectors, then text patterns).
-- pre (from M.apply): the removal group's and content selectors' matches, found before.
function M.prepare(rule, doc, ctx, pre)
  local src = ctx and ctx.html
  remove_selected(rule, doc, src, pre)
  remove_text(rule.remove_text, doc:body() or doc:root(), content_roots(rule, doc, src, pre))
  return true
end

local function inside(n, list)
  local p = n:parent()
  while p do
    for _, a in ipairs(list) do
      if p == a then return true end
    end
    p = p:parent()
  end
  return false
end

local function transform(rule, scope, ctx)
  for _, t in ipairs(rule.content.transforms) do
    for _, n in ipairs(query.nodes(t.q, scope, ctx and ctx.html)) do
      local a = t.action
      if type(a) == "function" then
        local ok, err = call(rule, a, n, ctx)
        if not ok then return nil, err end
      elseif a == "remove" then
        n:remove()
      elseif a == "unwrap" then
        n:unwrap()
      elseif n.rename then
        n:rename(a)
      end
    end
  end
  return true
end

-- The nodes of the first content selector that matches (nested matches dropped), or nil.
local function choose(c, doc, src, pre)
  for _, q in ipairs(c.select) do
    local nodes = {}
    for _, n in ipairs(content_nodes(q, doc, src, pre)) do
      if not inside(n, nodes) then nodes[#nodes + 1] = n end
    end
    if #nodes > 0 and c.min_chars > 0 then
      local len = 0
      for _, n in ipairs(nodes) do len = len + #n:text() end
      if len < c.min_chars then nodes = {} end
    end
    if #nodes > 0 then return nodes end
  end
  return nil
end

-- The content's own cleaning and transforms, in each chosen node (else the body). Returns node,
-- nodes; or nil, nil, err.
local function clean_content(rule, doc, ctx, chosen)
  local c = rule.content
  local scopes = chosen or { doc:body() or doc:root() }
  for _, scope in ipairs(scopes) do
    remove_all(c.clean, scope, ctx and ctx.html)
    remove_text(c.remove_text, scope)
    local ok, err = transform(rule, scope, ctx)
    if not ok then return nil, nil, err end
  end
  if not chosen then return nil end
  return chosen[1], chosen
end

--- The content: every match of the first content selector that matches (nested matches dropped),
-- cleaned and transformed. Returns node, nodes; or nil when the rule has no (matching) selector.
function M.content(rule, doc, ctx, pre)
  return clean_content(rule, doc, ctx, choose(rule.content, doc, ctx and ctx.html, pre))
end

-- May the text patterns run in the chosen content alone (the part of the page a record reads)?
-- Yes when that changes neither the choice nor the chosen nodes' text: every content selector's
-- matches were found before (a removal only detaches them, and a text pattern never detaches a
-- content match: all are roots), and no min_chars counts text before the choice.
local function content_first(rule, pre)
  if not pre or rule.content.min_chars > 0 then return false end
  for _, q in ipairs(rule.content.select) do
    if not pre.content[q] then return false end
  end
  return true
end

-- A selector failing on this page (XPath operation limit) costs the rule, not the page.
local function guarded(rule, fn, ...)
  local ok, res, err = pcall(fn, ...)
  if not ok then return nil, (rule.file or rule.id) .. ": " .. tostring(res) end
  return res, err
end

--- M.apply's first half, which reads and never mutates: one walk of the untouched document (the
-- fields' CSS, the removal group, the content selectors), then the field values. Returns
-- {fields=, pre=} for M.finish, or nil, err. Between the halves the document may be read (the
-- caller's generic metadata, for the fields the rule did not find), never changed.
function M.read(rule, doc, ctx)
  return guarded(rule, function()
    local plan = walk_plan(rule)
    local found = #plan.list > 0 and doc:select_many(plan.list) or nil
    local pre = found and { remove = plan.remove and found[plan.remove], content = {}, may_match = {} }
    for q, slot in pairs(plan.content) do pre.content[q] = found[slot] end
    local fields, ferr = M.fields(rule, doc, ctx, found)
    if not fields then return nil, ferr end
    return { fields = fields, pre = pre }
  end)
end

--- M.apply's second half, given M.read's result: furniture, then content. Returns
-- {fields=, content=, content_nodes=} or nil, err.
-- Furniture outside the chosen content is left to the text patterns only when no content is
-- chosen (the generic extractor then reads the whole body): the record never shows the rest.
function M.finish(rule, doc, ctx, state)
  return guarded(rule, function()
    local pre, src = state.pre, ctx and ctx.html
    local node, nodes, cerr
    if content_first(rule, pre) then
      remove_selected(rule, doc, src, pre)
      local chosen = choose(rule.content, doc, src, pre)
      local roots = content_roots(rule, doc, src, pre)
      for _, scope in ipairs(chosen or { doc:body() or doc:root() }) do
        remove_text(rule.remove_text, scope, roots)
      end
      node, nodes, cerr = clean_content(rule, doc, ctx, chosen)
    else
      M.prepare(rule, doc, ctx, pre)
      node, nodes, cerr = M.content(rule, doc, ctx, pre)
    end
    if cerr then return nil, cerr end
    return { fields = state.fields, content = node, content_nodes = nodes }
  end)
end

--- All of it, in the order that keeps every step honest: fields before anything is removed,
-- then furniture, then content. Returns {fields=, content=, content_nodes=} or nil, err.
function M.apply(rule, doc, ctx)
  local state, err = M.read(rule, doc, ctx)
  if not state then return nil, err end
  return M.finish(rule, doc, ctx, state)
end

return M
