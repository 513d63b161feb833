--- Command-line parsing for bin/pith. No dependencies: GNU-style options
-- (`-f json`, `-fjson`, `--format json`, `--format=json`, `--` ends options).
local M = {}

M.usage = [[
Usage: pith [options] [INPUT ...]
       pith test-rules [DIR|FILE ...]

Extracts the main article from web pages.

INPUT is an HTML file (.html, .htm, or gzip-compressed .gz), a web archive
(.warc or .warc.gz), a folder (searched recursively for such files, in sorted
order), or - for standard input (a page or an archive).

In a web archive, each HTTP response with an HTML payload is one page: its
source is FILE#OFFSET (the byte offset of its record, or of the gzip member it
starts in), its url the record's target URI, its charset the one the HTTP
Content-Type header gives. Other records are skipped and counted; a truncated
or corrupt record gives a record with ok=false and reading goes on at the next.

With one file (or -) the output is the article text. With several inputs, a
folder or -i, the output is JSON Lines: one object per input with source, url,
ok, error (when not ok), rule, title, text and the metadata found (author,
authors, date, date_modified, sitename, provider, description, image, language,
tags, categories, license). A page that cannot be read gives ok=false and the
run goes on. With -f text, markdown or html and several inputs, the pages are
separated by a line holding a form feed; a page that fails prints nothing there.

Options:
  -f, --format FORMAT    text, markdown, html, json (one JSON document; an
                         array with several inputs) or jsonl
  -u, --url URL          the page's URL (one input only): resolves links and
                         images, and is reported in the record
  -i, --input-list FILE  read inputs from FILE (- for stdin), one per line:
                         PATH [URL] (PATH as the shell would take it from
                         here); blank lines and lines starting with # are
                         skipped
  -o, --output FILE      write to FILE instead of standard output
  -r, --rules DIR        also load the site rules in DIR (Lua rule files and
                         FiveFilters site files); repeatable, a later folder
                         overriding earlier ones and the built-in rules for
                         the same host. Folders in the PITH_RULES_PATH
                         environment variable (colon-separated) are loaded
                         before any -r. A broken rule is reported once on
                         stderr ("pith: rule: FILE:LINE: ...") and skipped;
                         its pages take the generic path
      --charset NAME     character set to assume when the page does not say
                         (as an HTTP Content-Type header would give it)
      --favor MODE       balanced (default), precision or recall
      --no-tables        leave tables out of the article
      --images           keep images (markdown/html) and captions
      --links            keep links (markdown/html)
      --comments         keep the comment section
      --max-size MB      refuse pages larger than MB mebibytes (default 64):
                         they get a record with ok=false
  -j, --jobs N           extract with N worker processes (default: the number
                         of processors); records keep the input order
      --unordered        with -j, write each record as soon as it is ready
      --timeout SECONDS  give up on a page after SECONDS: it gets a record
                         with ok=false and its worker is replaced (pages then
                         run in worker processes, even with -j 1)
  -q, --quiet            print no messages on stderr (failed pages, broken
                         rules, summary); usage errors are still printed.
                         Wins over -v and --progress
  -v, --verbose          print the summary line even when stderr is not a
                         terminal
      --progress         show progress on stderr even when it is not a
                         terminal (a line every few seconds, then the
                         summary line); on a terminal it is shown anyway:
                         inputs done/total, pages, pages/s, errors, ETA
  -h, --help             show this help and exit
      --version          show the version and exit

At the end of a run, when stderr is a terminal (or with -v or --progress), a
summary line goes to stderr: "pith: N pages, N errors, S s" (with ", N skipped"
after the errors when archive records were skipped). Nothing but records ever
goes to standard output.

Commands:
  test-rules [DIR|FILE ...]
                         run the inline tests of the rule files in each DIR
                         (or of each rule FILE); without any, of the built-in
                         rules. Prints one line per test (ok, FAIL with the
                         reasons, SKIP for tests that need the network) and
                         the totals. A file named test-rules is read as an
                         INPUT when given as ./test-rules

Exit status: 0 when every input was read, 1 when some input failed (its record
says why), 2 for a usage error. When the reader of the output goes away (as in
pith ... | head -1) pith stops at once, quietly, with status 141 (128 + SIGPIPE,
as if killed by that signal, which is what happens when SIGPIPE is not ignored).
test-rules exits 0 when no test failed and 1 otherwise.

Examples:
  pith page.html
  pith -f markdown -u https://example.com/a.html page.html.gz
  pith -f jsonl crawl/ > records.jsonl
  pith -i list.txt -o records.jsonl
  curl -s https://example.com/ | pith -u https://example.com/ -
  pith -r ~/pith-rules -f jsonl crawl/ > records.jsonl
  pith -j 8 --timeout 30 CC-MAIN-*.warc.gz > records.jsonl
  pith test-rules ~/pith-rules
]]

local FORMATS = { text = true, markdown = true, html = true, json = true, jsonl = true }
local FAVOR = { balanced = true, precision = true, recall = true }

-- long name -> { key in the result, takes a value? }
local OPTIONS = {
  format = { "format", true }, url = { "url", true }, ["input-list"] = { "input_list", true },
  output = { "output", true }, charset = { "charset", true }, favor = { "favor", true },
  ["no-tables"] = { "no_tables", false }, images = { "images", false }, links = { "links", false },
  comments = { "comments", false }, help = { "help", false }, version = { "version", false },
  rules = { "rules", "list" }, quiet = { "quiet", false }, verbose = { "verbose", false },
  progress = { "progress", false }, jobs = { "jobs", true }, timeout = { "timeout", true },
  unordered = { "unordered", false }, ["max-size"] = { "max_size", true },
}
local SHORT = { f = "format", u = "url", i = "input-list", o = "output", h = "help", r = "rules", q = "quiet",
                v = "verbose", j = "jobs" }

--- Parses argv (a list of strings). Returns options, or nil and a message.
-- options: the keys of OPTIONS (underscored) plus `inputs`, a list of strings;
-- repeatable options ("list") are lists in the order given.
function M.parse(argv)
  local o = { inputs = {}, rules = {} }
  local i, n = 1, #argv
  local function set(name, value, shown)
    local spec = OPTIONS[name]
    if not spec then return "unknown option " .. shown end
    local key, wants = spec[1], spec[2]
    if wants then
      if value == nil then
        i = i + 1
        value = argv[i]
        if value == nil then return "option " .. shown .. " needs a value" end
      end
      if wants == "list" then
        o[key][#o[key] + 1] = value
      else
        o[key] = value
      end
    elseif value ~= nil then
      return "option " .. shown .. " takes no value"
    else
      o[key] = true
    end
  end
  local only_inputs = false
  while i <= n do
    local a = argv[i]
    local err
    if only_inputs or a == "-" or a:sub(1, 1) ~= "-" then
      o.inputs[#o.inputs + 1] = a
    elseif a == "--" then
      only_inputs = true
    elseif a:sub(1, 2) == "--" then
      local name, value = a:match("^%-%-([^=]+)=(.*)$")
      err = set(name or a:sub(3), value, "--" .. (name or a:sub(3)))
    else
      local letter, rest = a:sub(2, 2), a:sub(3)
      local name = SHORT[letter]
      if not name then
        err = "unknown option -" .. letter
      elseif OPTIONS[name][2] then
        err = set(name, rest ~= "" and rest or nil, "-" .. letter)
      elseif rest ~= "" then
        err = "option -" .. letter .. " takes no value"
      else
        err = set(name, nil, "-" .. letter)
      end
    end
    if err then return nil, err end
    i = i + 1
  end
  if o.format and not FORMATS[o.format] then
    return nil, "unknown format '" .. o.format .. "' (text, markdown, html, json or jsonl)"
  end
  if o.favor and not FAVOR[o.favor] then
    return nil, "unknown --favor '" .. o.favor .. "' (balanced, precision or recall)"
  end
  if o.jobs then
    local jobs = o.jobs:match("^%d+$") and math.tointeger(tonumber(o.jobs))
    if not jobs or jobs < 1 or jobs > 1024 then
      return nil, "-j/--jobs wants a number of workers from 1 to 1024, not '" .. o.jobs .. "'"
    end
    o.jobs = jobs
  end
  if o.timeout then
    local t = tonumber(o.timeout)
    if not t or t <= 0 or t ~= t or t == math.huge then
      return nil, "--timeout wants a number of seconds above 0, not '" .. o.timeout .. "'"
    end
    o.timeout = t
  end
  if o.max_size then
    local mb = tonumber(o.max_size)
    if not mb or mb <= 0 or mb > 2047 then
      return nil, "--max-size wants a number of MiB from above 0 to 2047, not '" .. o.max_size .. "'"
    end
    o.max_size = math.floor(mb * 1024 * 1024)
  end
  if o.url and (o.input_list or #o.inputs ~= 1) then
    return nil, "--url applies to exactly one INPUT (use -i with PATH URL lines for several)"
  end
  return o
end

return M
