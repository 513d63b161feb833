--- Static checks libxml2 leaves to evaluation time: it compiles `contains(@class='x')` or
-- `contain(., 'x')` without complaint and fails only when a step reaches the predicate, so a
-- probe document proves nothing. Function names and argument counts are read here from the
-- expression itself (XPath 1.0 core library, as PHP's DOMXPath and libxml2 provide it).
local M = {}

-- name = {min, max} arguments (max nil: any number)
local ARITY = {
  last = { 0, 0 }, position = { 0, 0 }, count = { 1, 1 }, id = { 1, 1 },
  ["local-name"] = { 0, 1 }, ["namespace-uri"] = { 0, 1 }, name = { 0, 1 },
  string = { 0, 1 }, concat = { 2 }, ["starts-with"] = { 2, 2 }, contains = { 2, 2 },
  ["substring-before"] = { 2, 2 }, ["substring-after"] = { 2, 2 }, substring = { 2, 3 },
  ["string-length"] = { 0, 1 }, ["normalize-space"] = { 0, 1 }, translate = { 3, 3 },
  boolean = { 1, 1 }, ["not"] = { 1, 1 }, ["true"] = { 0, 0 }, ["false"] = { 0, 0 }, lang = { 1, 1 },
  number = { 0, 1 }, sum = { 1, 1 }, floor = { 1, 1 }, ceiling = { 1, 1 }, round = { 1, 1 },
  -- node-type tests look like calls
  text = { 0, 0 }, node = { 0, 0 }, comment = { 0, 0 }, ["processing-instruction"] = { 0, 1 },
}
-- operator names, which may stand before "(" without being calls
local OPERATORS = { ["and"] = true, ["or"] = true, div = true, mod = true }

-- Arguments of the call whose "(" is at open in code (string literals blanked): how many, or
-- nil when the parentheses do not balance (which libxml2's own compile reports).
local function arguments(code, open)
  local depth, commas, i = 0, 0, open + 1
  while true do
    local at, _, c = code:find("([%(%)%[%],])", i)
    if not at then return nil end
    if c == "(" or c == "[" then
      depth = depth + 1
    elseif c == "," then
      if depth == 0 then commas = commas + 1 end
    elseif depth > 0 then
      depth = depth - 1
    elseif c == "]" then
      return nil
    else
      if commas == 0 and not code:sub(open + 1, at - 1):find("%S") then return 0 end
      return commas + 1
    end
    i = at + 1
  end
end

local function blank(q, body)
  return q .. (" "):rep(#body) .. "x" .. q -- a literal is an argument: never blank
end

--- true, or nil and why the expression fails when evaluated.
function M.check(expr)
  if not expr:find("(", 1, true) then return true end
  local code = expr:gsub("(['\"])(.-)%1", blank)
  for name, open in code:gmatch("%f[%w_@:%.%-]([%a_][%w_%.%-]*)%s*()%(") do
    if not OPERATORS[name] then
      local want = ARITY[name]
      if not want then return nil, "function " .. name .. "() is not XPath 1.0" end
      local n = arguments(code, open)
      if n and (n < want[1] or (want[2] and n > want[2])) then
        local range = want[2] == want[1] and tostring(want[1])
          or want[2] and (want[1] .. " to " .. want[2]) or (want[1] .. " or more")
        return nil, name .. "() takes " .. range .. " argument" .. (range == "1" and "" or "s") ..
          ", given " .. n
      end
    end
  end
  return true
end

return M
