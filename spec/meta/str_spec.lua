local str = require "pith.meta.str"

describe("pith.meta.str", function()
  it("collapses no-break spaces without touching letters that share their bytes", function()
    -- "à" is \195\160: a character class of \194\160 would eat its second byte.
    assert.equal("approuvé à l'Assemblée", str.squash("approuvé\194\160à  l'Assemblée\n"))
    assert.equal("à", str.trim("\194\160 à \194\160"))
    assert.equal("宇航员", str.squash(" 宇航员 "))
  end)
  it("finds any of a list's strings as plain text", function()
    assert.is_true(str.has_any("zuletzt aktualisiert am 3. mai", { "updat", "aktualisiert" }))
    -- plain search: "." and "%" are no pattern characters here
    assert.is_false(str.has_any("hit_php", { "hit.php" }))
    assert.is_true(str.has_any("/img/hit.php?id=1", { "hit.php" }))
    assert.is_false(str.has_any("anything", {}))
  end)
end)
