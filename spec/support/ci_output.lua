-- busted output handler for CI: TAP lines, then the plain "N passed, N failed" summary
-- that CI log readers look for.
return function(options)
  local busted = require("busted")
  local handler = require("busted.outputHandlers.TAP")(options)
  busted.subscribe({ "suite", "end" }, function()
    local failed = handler.failuresCount + handler.errorsCount
    io.write(string.format("%d passed, %d failed, %d skipped\n",
      handler.successesCount, failed, handler.pendingsCount))
    io.flush()
    return nil, true
  end)
  return handler
end
