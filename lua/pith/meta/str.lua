--- String helpers shared by the metadata modules. No-break spaces are matched as the two-byte
-- sequence they are: a Lua character class holding "\194\160" would match those bytes inside
-- other UTF-8 characters too ("à" is "\195\160").
local M = {}

--- Collapses runs of white space (no-break spaces included) to one space and trims.
function M.squash(s)
  if not s then
    return nil
  end
  -- As s:gsub("\194\160", " "):gsub("%s+", " "):match("^ ?(.-) ?$"), each step skipped
  -- when it would change nothing (the lazy match alone stepped through every byte).
  if s:find("\194\160", 1, true) then
    s = s:gsub("\194\160", " ")
  end
  return M.collapse(s)
end

--- Collapses runs of ASCII white space to one space and trims: s:gsub("%s+", " ") then
-- match("^ ?(.-) ?$"), each step skipped when it would change nothing.
function M.collapse(s)
  if s:find("[\t-\r]") or s:find("  ", 1, true) then
    s = s:gsub("%s+", " ")
  end
  local i, j = 1, #s
  if s:byte(1) == 32 then
    i = 2
  end
  if j >= i and s:byte(j) == 32 then
    j = j - 1
  end
  return (i == 1 and j == #s) and s or s:sub(i, j)
end

--- Trims ASCII white space at both ends: s:match("^%s*(.-)%s*$") without the lazy match's
-- step per byte.
function M.strip(s)
  local i = s:find("%S")
  if not i then
    return ""
  end
  local j = #s
  local b = s:byte(j)
  while b == 32 or (b >= 9 and b <= 13) do
    j = j - 1
    b = s:byte(j)
  end
  return (i == 1 and j == #s) and s or s:sub(i, j)
end

--- Trims white space (no-break spaces included) at both ends.
function M.trim(s)
  if not s then
    return nil
  end
  -- Most values have nothing to trim: no space at either end, nor a no-break space's bytes.
  local first, last = s:byte(1), s:byte(-1)
  if first and first > 32 and first ~= 194 and last > 32 and last ~= 160 then
    return s
  end
  s = s:gsub("^%s+", "")
  while s:sub(1, 2) == "\194\160" do
    s = s:sub(3):gsub("^%s+", "")
  end
  s = s:gsub("%s+$", "")
  while s:sub(-2) == "\194\160" do
    s = s:sub(1, -3):gsub("%s+$", "")
  end
  return s
end

--- True when s holds one of the plain strings in list.
function M.has_any(s, list)
  for _, w in ipairs(list) do
    if s:find(w, 1, true) then
      return true
    end
  end
  return false
end

--- The number of white-space separated words in s.
function M.word_count(s)
  local n = 0
  for _ in s:gmatch("%S+") do
    n = n + 1
  end
  return n
end

--- The times of day s states ("13:00", full-width "13：00"): a dateline states one moment, a
-- schedule ("13:00-16:40") two or more.
function M.times_of_day(s)
  local n = 0
  for _ in s:gsub("\239\188\154", ":"):gmatch("%f[%d]%d%d?:%d%d") do
    n = n + 1
  end
  return n
end

return M
