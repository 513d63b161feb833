--- String helpers shared by the metadata modules. No-break spaces are matched as the two-byte
-- sequence they are: a Lua character class holding "\194\160" would match those bytes inside
-- other UTF-8 characters too ("à" is "\195\160").
local M = {}

--- Collapses runs of white space (no-break spaces included) to one space and trims.
function M.squash(s)
  if not s then
    return nil
  end
  return (s:gsub("\194\160", " "):gsub("%s+", " "):match("^ ?(.-) ?$"))
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

return M
