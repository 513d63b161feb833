--- Generic article extraction: parses the page, collects metadata before any
-- mutation, runs the C extractor (pith.core.extract, which mutates the document
-- and returns a content element) and serialises that element per opts.format.
local core = require "pith.core"

local M = {}

local METADATA_FIELDS = {
  "author", "authors", "date", "date_modified", "sitename", "provider", "description",
  "image", "language", "tags", "categories", "license",
}

local function collect_metadata(doc, url, skip)
  local ok, metadata = pcall(require, "pith.metadata")
  if not ok or type(metadata) ~= "table" or not metadata.collect then return {} end
  local ok2, fields = pcall(metadata.collect, doc, { url = url, skip = skip })
  if ok2 and type(fields) == "table" then return fields end
  return {}
end

local function serialise(node, opts)
  local fmt = opts.format or "text"
  local sopts = { links = opts.links, images = opts.images, tables = opts.tables ~= false,
                  base_url = opts.url }
  local text
  if node.text then text = node:text(sopts) else text = core._extract_text(node) end
  local extra
  if fmt == "markdown" and node.markdown then extra = node:markdown(sopts)
  elseif fmt == "html" and node.clean_html then extra = node:clean_html(sopts) end
  return text, extra
end

-- (Not s:gsub("^%s+", ""):gsub("%s+$", ""): the second pattern is tried at every byte of the
-- text, a tenth of a page's extraction on a long article.)
local trim = require("pith.meta.str").strip

-- The headline belongs in `title`; drop it when the text still starts with it.
local function strip_headline(text, title)
  if not title or title == "" then return text end
  local t = trim(text)
  if t:sub(1, #title) == title then
    local rest = t:sub(#title + 1)
    -- only a headline of its own: a first paragraph may open with the title's words
    if rest == "" or rest:match("^[ \t]*\n") then return trim(rest) end
  end
  return t
end

local function rules_module()
  local ok, rules = pcall(require, "pith.rules")
  return ok and rules or nil
end

-- opts.rule: a compiled rule to apply, false for none, nil to look one up by URL (and,
-- once parsed, by the page's canonical URL or fingerprint).
local function rule_by_url(rules, opts)
  if opts.rule ~= nil then return opts.rule or nil end
  return rules and rules.find(opts.url) or nil
end

-- The text (and markdown/html) of the nodes a site rule chose, in order.
local function serialise_nodes(nodes, opts)
  local texts, extras = {}, {}
  for _, node in ipairs(nodes) do
    local text, extra = serialise(node, opts)
    if text ~= "" then texts[#texts + 1] = text end
    if extra and extra ~= "" then extras[#extras + 1] = extra end
  end
  return table.concat(texts, "\n\n"), extras[1] and table.concat(extras, "\n\n") or nil
end

-- A page that ships its article only in its JSON-LD data (`articleBody`) and renders it by
-- script: the passes find a teaser and furniture. The data's text replaces theirs only when
-- it is much longer and its opening is nowhere in the page's own text: a paywalled page that
-- does print its full text (hidden behind the wall) keeps what the passes read.
local LD_SHORT = 1000

local function longest_body(v, depth, best)
  if type(v) ~= "table" or depth > 6 then return best end
  local b = rawget(v, "articleBody")
  if type(b) == "string" and #b > #(best or "") then best = b end
  for _, c in pairs(v) do
    if type(c) == "table" then best = longest_body(c, depth + 1, best) end
  end
  return best
end

local function ld_article_body(source)
  local ok, cjson = pcall(require, "cjson.safe")
  if not ok then return nil end
  local best
  for raw in source:gmatch("<script[^>]-application/ld%+json[^>]*>(.-)</script>") do
    if raw:find('"articleBody"', 1, true) then best = longest_body(cjson.decode(raw), 0, best) end
  end
  -- markup inside the string is a page's template, not text
  if not best or best:find("<%a") then return nil end
  return trim(require("pith.meta.jsonld").unescape(best))
end

local function collapse_ws(s) return (s:gsub("%s+", " ")) end

-- Whether the first sentence of body is text of the page (not of its scripts).
local function printed(body, source, parse_opts)
  local first = collapse_ws(body:match("^(.-[%.!?])%s") or body):sub(1, 60)
  local doc = core.parse(source, parse_opts)
  if not doc then return true end
  local root = doc:body() or doc:root()
  local page = root and collapse_ws(core._extract_text(root)) or ""
  doc:close()
  return page:find(first, 1, true) ~= nil
end

local function script_rendered(text, source, parse_opts)
  if #text >= LD_SHORT or not source:find('"articleBody"', 1, true) then return nil end
  local body = ld_article_body(source)
  if not body or #body < 3 * #text or #body < 500 then return nil end
  if printed(body, source, parse_opts) then return nil end
  return body
end

local function generic_content(doc, meta, opts)
  local content, err = core.extract(doc, {
    title = meta.title, favor = opts.favor, tables = opts.tables, images = opts.images,
    comments = opts.comments,
  })
  if content == nil then return nil, nil, err end
  return serialise(content, opts)
end

-- A rule may give `author` or `authors` alone: the other is derived from it, so the
-- record never pairs the rule's author with the generic metadata's list.
local function reconcile_authors(meta, fields)
  if fields.author == false or fields.authors == false then
    meta.author, meta.authors = nil, nil
  elseif fields.author and not fields.authors then
    local names = require("pith.meta.byline").names(fields.author)
    meta.authors = #names > 0 and names or { fields.author }
  elseif fields.authors and not fields.author and type(fields.authors) == "table" then
    meta.author = table.concat(fields.authors, "; ")
  end
end

-- The generic metadata fields a rule's field values replace (see M.extract): the ones it found,
-- or set to false; author and authors go together (reconcile_authors).
local function replaced(fields)
  local skip = {}
  for k in pairs(fields) do skip[k] = true end
  if skip.author or skip.authors then skip.author, skip.authors = true, true end
  return skip
end

--- Extracts the article: M.extract(html [, opts]) -> record, info | nil, err.
-- info.content says where the text came from: "rule" (a site rule's content selector) or "generic".
function M.extract(html, opts)
  opts = opts or {}
  if type(html) ~= "string" then return nil, "html must be a string" end
  local rules = opts.rule == false and nil or rules_module()
  local rule = rule_by_url(rules, opts)
  local source = rule and rules.rewrite(rule, html) or html
  local parse_opts = { url = opts.url, charset = opts.charset, max_size = opts.max_size }
  local doc, err = core.parse(source, parse_opts)
  if not doc then return nil, err end
  -- A rule known before the parse reads its fields first (the document untouched), so that the
  -- generic metadata skips the fields the rule gives: a rule replaces generic work.
  local rule_opts = { url = opts.url, html = source }
  local state, rerr
  if rule then state, rerr = rules.read(rule, doc, rule_opts) end
  local skip = state and replaced(state.fields)
  local meta = collect_metadata(doc, opts.url, skip)
  if not rule and rules and opts.rule == nil then
    rule = rules.find(opts.url, doc, { html = source, canonical = meta.url })
    -- found by the page's own address: its raw-HTML rewrites (FiveFilters find_string) still apply
    if rule and #rule.rewrite > 0 then
      source = rules.rewrite(rule, html)
      doc:close()
      doc, err = core.parse(source, parse_opts)
      if not doc then return nil, err end
      meta = collect_metadata(doc, opts.url)
      rule_opts.html = source
    end
    if rule then state, rerr = rules.read(rule, doc, rule_opts) end
  end
  local record = { rule = "generic" }
  local nodes
  if rule then
    local res
    if state then res, rerr = rules.finish(rule, doc, state) end
    if res then
      record.rule = rules.name(rule)
      -- a field the rule sets to false is one the site never shows: no generic guess
      for k, v in pairs(res.fields) do meta[k] = v or nil end
      reconcile_authors(meta, res.fields)
      nodes = res.content_nodes
    else
      -- the rule failed half-way: its page takes the generic path on a fresh parse
      record.rule_error = rerr
      doc:close()
      doc, err = core.parse(html, parse_opts)
      if not doc then return nil, err end
      if skip then
        -- the fields skipped for the rule, from the source the rule's fields were read in
        if source == html then
          meta = collect_metadata(doc, opts.url)
        else
          local sdoc = core.parse(source, parse_opts)
          meta = sdoc and collect_metadata(sdoc, opts.url) or meta
          if sdoc then sdoc:close() end
        end
      end
    end
  end
  local text, extra
  if nodes and #nodes > 0 then
    text, extra = serialise_nodes(nodes, opts)
  else
    local cerr
    text, extra, cerr = generic_content(doc, meta, opts)
    if text == nil then
      doc:close()
      return nil, cerr
    end
    local body = script_rendered(text, source, parse_opts)
    if body then text, extra = body, nil end
  end
  text = strip_headline(text, meta.title)
  -- Last stage for empty shells (script-rendered pages): the page's own summary.
  if text == "" and type(meta.description) == "string" and opts.favor ~= "precision" then
    text = trim(meta.description)
  end
  record.url = meta.url or opts.url
  record.title = meta.title
  record.text = text
  for _, k in ipairs(METADATA_FIELDS) do
    if meta[k] ~= nil then record[k] = meta[k] end
  end
  if opts.format == "markdown" then record.markdown = extra or text
  elseif opts.format == "html" then record.html = extra end
  doc:close()
  return record, { content = (nodes and #nodes > 0) and "rule" or "generic" }
end

return M
