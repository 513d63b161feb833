-- pith.json edge cases its fast paths must keep (the record format itself is
-- checked in cli_spec): the "\/" cjson writes undone only where it is cjson's
-- escape, and key order from a cached order list.
local json = require "pith.json"

describe("pith.json strings and keys", function()
  it("leaves / bare, also right after an escaped backslash", function()
    -- input: \/ // \\/ x/  ->  "\\/ // \\\\/ x/"
    assert.equal([["\\/ // \\\\/ x/"]], json.encode([[\/ // \\/ x/]]))
    assert.equal('"/"', json.encode("/"))
    assert.equal('"\\\\"', json.encode("\\"))
  end)

  it("keeps key order, repeated keys in the order list once, the same from the key cache", function()
    for _ = 1, 2 do
      assert.equal('{"b":2,"a/":1,"c":[3]}', json.encode({ ["a/"] = 1, b = 2, c = { 3 } }, { "b", "b", "x" }))
    end
    assert.equal('{"a/":{"b":1}}', json.encode({ ["a/"] = { b = 1 } }))
  end)
end)
