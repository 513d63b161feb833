--- The longest run of plain characters a regex match must contain, so a text can be ruled out with
-- one plain find before the regex runs on it. Conservative: nil whenever the pattern's syntax could
-- make a run optional or change its meaning (alternation at the top, inline options, \Q, escapes
-- that take arguments); groups and classes are skipped, a quantified character cut off its run.
local M = {}

-- escapes whose letters read arguments (\x41, \p{L}, \k<n>, \g1, \cA, \N{U+41}, \o{7}, \u...):
-- their argument would look like plain characters
local ARGS = { x = true, o = true, p = true, P = true, N = true, g = true, k = true, c = true, u = true }

-- Index just past the group or class that opens at i (s:sub(i, i) is "(" or "["), or nil.
local function skip(s, i)
  local depth, n = 0, #s
  while i <= n do
    local c = s:sub(i, i)
    if c == "\\" then
      i = i + 2
    elseif c == "[" then
      -- a class: "]" right after "[" or "[^" is a member, [:name:] a POSIX one
      local j = i + 1
      if s:sub(j, j) == "^" then j = j + 1 end
      if s:sub(j, j) == "]" then j = j + 1 end
      while j <= n and s:sub(j, j) ~= "]" do
        if s:sub(j, j) == "\\" then
          j = j + 1
        elseif s:sub(j, j + 1) == "[:" then
          local e = s:find(":]", j + 2, true)
          if not e then return nil end
          j = e + 1
        end
        j = j + 1
      end
      if j > n then return nil end
      i = j + 1
      if depth == 0 then return i end
    elseif c == "(" then
      depth = depth + 1
      i = i + 1
    elseif c == ")" then
      depth = depth - 1
      i = i + 1
      if depth == 0 then return i end
      if depth < 0 then return nil end
    else
      i = i + 1
    end
  end
  return nil
end

--- The literal (lower-cased when the match ignores case) or nil. flags: the pattern's flag letters.
function M.required(pattern, flags)
  flags = flags or ""
  if flags:find("x", 1, true) or pattern:find("\\Q", 1, true) or pattern:find("%(%?[%a%^%-#]") then
    return nil
  end
  local best, run, i, n = "", {}, 1, #pattern
  local function cut()
    if #run > #best then best = table.concat(run) end
    run = {}
  end
  while i <= n do
    local c = pattern:sub(i, i)
    if c == "\\" then
      local e = pattern:sub(i + 1, i + 1)
      if e == "" or ARGS[e] or e:match("%d") then return nil end
      if e:match("[%p ]") then
        run[#run + 1] = e
      else
        cut() -- \d, \s, \b...: a class or an assertion
      end
      i = i + 2
    elseif c == "(" or c == "[" then
      cut()
      i = skip(pattern, i)
      if not i then return nil end
    elseif c == "|" or c == ")" then
      return nil
    elseif c == "?" or c == "*" or c == "+" or c == "{" then
      run[#run] = nil -- the quantified character may be absent
      cut()
      -- {n,m} and its digits are no characters (a "{" that is none is a literal: cut anyway)
      local _, e = pattern:find("^{%s*%d*%s*,?%s*%d*%s*}", i)
      i = (c == "{" and e or i) + 1
    elseif c:match("[%w %p]") and not c:match("[%.%^%$]") then
      run[#run + 1] = c
      i = i + 1
    else
      cut() -- ., ^, $, control characters and non-ASCII bytes
      i = i + 1
    end
  end
  cut()
  if #best < 3 then return nil end
  return flags:find("i", 1, true) and best:lower() or best
end

-- Characters outside ASCII that match an ASCII letter when case is ignored (Unicode simple case
-- folding): KELVIN SIGN ~ k, LATIN SMALL LETTER LONG S ~ s.
local FOLDS_TO_ASCII = { "\226\132\170", "\197\191" }

--- Can a caseless (or not) match of the pattern whose required literal is lit exist in s? lower:
-- s:lower(), when already made. Returns the answer and s:lower() for the next call.
function M.may_match(lit, caseless, s, lower)
  if not lit then return true, lower end
  if not caseless then return s:find(lit, 1, true) ~= nil, lower end
  if not lower then
    lower = s:lower()
    for _, f in ipairs(FOLDS_TO_ASCII) do
      if s:find(f, 1, true) then lower = false end
    end
  end
  if lower == false then return true, lower end
  return lower:find(lit, 1, true) ~= nil, lower
end

return M
