local literal = require "pith.rules.literal"
local core = require "pith.core"

describe("pith.rules.literal", function()
  it("finds the longest plain run of the site rules' text patterns", function()
    assert.equal("something went wrong",
      literal.required([[Oops!\s+Something went wrong\.?(?:\s+Please try again later\.?)?]], "i"))
    assert.equal("the thomson reuters trust principles",
      literal.required([[Our Standards:\s+The Thomson Reuters Trust Principles\.?]], "i"))
    assert.equal("opens new tab", literal.required([[,?\s*opens new tab]], "i"))
    -- "min" precedes a group, the "s" of "s?" is optional: "read" is the longest sure run
    assert.equal("read", literal.required([[\d+[\s-]*min(?:ute)?s?\s+read]], "i"))
    assert.equal("foo.bar", literal.required([[foo\.bar]], "i"))
  end)

  it("keeps case when the pattern does", function()
    assert.equal("Story continues", literal.required("Story continues", ""))
  end)

  it("cuts quantified characters and skips groups, classes and counts", function()
    assert.equal("cdef", literal.required("ab{3}cdef", "i"))     -- b{3}: "3}" is no text
    assert.equal("x}def", literal.required("abc{x}def", "i"))    -- no count: "{x}" is literal
    assert.equal("xyz", literal.required("[abc)]xyz(q)", "i"))   -- ")" inside a class
    assert.equal("defg", literal.required("[]abc]defg", "i"))    -- "]" first in a class
    assert.equal("abcd", literal.required("abcdx?", "i"))
  end)

  it("gives nothing when a run could be optional or mean something else", function()
    assert.is_nil(literal.required("abcdef|ghijkl", "i"))         -- either alternative
    assert.is_nil(literal.required([[\x41bcdef]], "i"))           -- "41" is an argument
    assert.is_nil(literal.required([[\p{L}bcdef]], "i"))
    assert.is_nil(literal.required([[(abc)\1defg]], "i"))         -- a back reference
    assert.is_nil(literal.required("(?x)abc def", "i"))           -- spaces ignored
    assert.is_nil(literal.required("abc def", "ix"))
    assert.is_nil(literal.required([[\Qa.b\E]], "i"))
    assert.is_nil(literal.required("ab(?#c(d)efgh", "i"))         -- a comment
    assert.is_nil(literal.required("ab", "i"))                    -- too short to be worth it
    assert.is_nil(literal.required("(?:Comments?|Conversations?)\\b", "i"))
  end)

  it("rules out a text only when the regex cannot match it", function()
    local cases = {
      { [[\d+\s+min(?:ute)?s?\s+read]], "5 MIN READ", true },
      { [[\d+\s+min(?:ute)?s?\s+read]], "5 minutes", false },
      { [[Related Coverage]], "Some related  coverage", false },
      -- KELVIN SIGN matches "k" when case is ignored: never ruled out by a lower-cased find
      { [[take]], "ta\226\132\170e", true },
      { [[lost]], "lo\197\191t", true },
    }
    for _, c in ipairs(cases) do
      local pattern, text, matches = c[1], c[2], c[3]
      assert.equal(matches, core.regex(pattern, "i"):test(text), pattern .. " on " .. text)
      local may = literal.may_match(literal.required(pattern, "i"), true, text)
      if matches then assert.is_true(may, pattern .. " on " .. text) end
      if not matches and not text:find("[\128-\255]") then assert.is_false(may, pattern .. " on " .. text) end
    end
  end)
end)
