-- pith.cli.workers on its own: the pool bin/pith -j runs pages through, with
-- small hand-made units (the behaviour on real pages is in cli_parallel_spec).
-- pith.cli.workers is Lua 5.3+ (string.pack, //), like bin/pith: loaded at
-- first use, so that the LuaJIT and 5.1 runs skip these #lua54 tests cleanly.
local workers, proc = setmetatable({}, { __index = function(_, k) return require("pith.cli.workers")[k] end }),
  setmetatable({}, { __index = function(_, k) return require("pith.core").proc[k] end })

-- Runs n units { n = i } through the pool; work(unit) runs in a worker.
-- Returns the emitted results in emit order and the lost messages by n.
local function run(n, opts)
  local i = 0
  local got, lost = {}, {}
  local o = {
    jobs = opts.jobs or 2, depth = opts.depth, lookahead = opts.lookahead, timeout = opts.timeout,
    cost = opts.cost,
    units = function()
      i = i + 1
      if i > n then return nil end
      return { n = i, source = "unit" .. i }
    end,
    work = opts.work,
    lost = function(unit, why)
      lost[tonumber(unit.source:match("%d+"))] = why
      return { lost = unit.source }
    end,
    emit = function(res)
      got[#got + 1] = res
      if opts.on_emit then opts.on_emit(res) end
    end,
  }
  assert.is_true(workers.run(o))
  return got, lost
end

describe("the worker pool #lua54", function()
  it("emits results in unit order, whatever order the units ran in", function()
    local got = run(40, {
      jobs = 3, cost = function(u) return (u.n * 7) % 11 end,
      work = function(u) return { n = u.n, pid = proc.getpid() } end,
    })
    assert.equal(40, #got)
    local pids = {}
    for k, r in ipairs(got) do
      assert.equal(k, r.n)
      pids[r.pid] = true
    end
    assert.is_nil(pids[proc.getpid()]) -- never in the parent
  end)

  it("starts the costliest of the units read ahead first", function()
    -- one worker, one unit at a time: the start order is the pool's choice
    local got = run(6, {
      jobs = 1, depth = 1, lookahead = 6, cost = function(u) return u.n end,
      work = function(u) return { n = u.n, at = proc.now() } end,
    })
    local order = {}
    for k = 1, 6 do order[k] = got[k] end
    table.sort(order, function(a, b) return a.at < b.at end)
    local ns = {}
    for k, r in ipairs(order) do ns[k] = r.n end
    assert.same({ 6, 5, 4, 3, 2, 1 }, ns)
  end)

  it("a worker dying on a unit loses that unit only; those queued behind it run on a new worker", function()
    local got, lost = run(8, {
      jobs = 1, depth = 4,
      work = function(u)
        if u.n == 3 then proc.kill(proc.getpid(), "KILL") end
        return { n = u.n, pid = proc.getpid() }
      end,
    })
    assert.equal(8, #got)
    assert.equal("worker killed by signal 9 on this page", lost[3])
    assert.equal("unit3", got[3].lost)
    for k, r in ipairs(got) do
      if k ~= 3 then assert.equal(k, r.n) end
    end
    assert.are_not.equal(got[2].pid, got[4].pid) -- 4 ran after the crash
    assert.is_nil(lost[4])
    assert.is_nil(lost[5])
  end)

  it("a worker dying while the parent sends it a unit: the results it wrote before are kept", function()
    -- the parent dawdles over unit 1's record while the worker finishes unit 2 and
    -- dies on unit 3; the parent's next send fails before it has read unit 2's result
    local function pause(s)
      local t = proc.now()
      repeat until proc.now() - t >= s
    end
    local got, lost = run(8, {
      jobs = 1, depth = 4,
      work = function(u)
        if u.n == 2 then pause(0.2) end
        if u.n == 3 then proc.kill(proc.getpid(), "KILL") end
        return { n = u.n, pid = proc.getpid() }
      end,
      on_emit = function(res)
        if res.n == 1 then pause(0.6) end
      end,
    })
    assert.equal(8, #got)
    assert.equal(2, got[2].n) -- not lost: its result was in the socket
    assert.is_nil(lost[2])
    assert.equal("worker killed by signal 9 on this page", lost[3])
    for k, r in ipairs(got) do
      if k ~= 3 then assert.equal(k, r.n) end
    end
  end)

  it("--timeout kills a worker stuck on a unit; the units queued behind it still run", function()
    local t0 = proc.now()
    local got, lost = run(6, {
      jobs = 1, depth = 3, timeout = 0.5,
      work = function(u)
        if u.n == 2 then
          while true do end
        end
        return { n = u.n }
      end,
    })
    assert.is_true(proc.now() - t0 < 10)
    assert.equal("timed out after 0.5 seconds", lost[2])
    for k, r in ipairs(got) do
      if k ~= 2 then assert.equal(k, r.n) end
    end
    assert.equal(6, #got)
  end)

  it("queues a unit behind another only while it fits in the socket's buffer", function()
    -- 2 MB units: each must wait for an idle worker, and all arrive whole
    local big = string.rep("x", 2 * 1024 * 1024)
    local i = 0
    local got = {}
    assert.is_true(workers.run({
      jobs = 2,
      units = function()
        i = i + 1
        if i > 6 then return nil end
        return { source = "big" .. i, bytes = big .. i }
      end,
      work = function(u) return { len = #u.bytes, tail = u.bytes:sub(-1) } end,
      lost = function(_, why) return { lost = why } end,
      emit = function(res) got[#got + 1] = res end,
    }))
    assert.equal(6, #got)
    for k, r in ipairs(got) do
      assert.equal(#big + 1, r.len)
      assert.equal(tostring(k), r.tail)
    end
  end)
end)

describe("the default number of workers #lua54", function()
  it("is the processors this process may run on, as nproc counts them, also under taskset", function()
    local function sh(cmd)
      local h = assert(io.popen(cmd))
      local out = h:read("a")
      h:close()
      return out
    end
    assert.equal(tonumber(sh("nproc")), workers.default_jobs())
    local lua = "lua5.4 -e 'package.path=\"./lua/?.lua;\"..package.path package.cpath=\"./build/?.so;\"..package.cpath "
      .. "print(require(\"pith.cli.workers\").default_jobs())'"
    assert.equal("1\n", sh("taskset -c 0 " .. lua))
  end)
end)

describe("proc.keep_heap #lua54", function()
  -- A child process frees a 4 MB block and takes one of the same size again;
  -- prints the page faults (minflt, /proc/self/stat) the second one cost.
  local function refault(keep)
    local code = [[
      package.cpath = "./build/?.so;" .. package.cpath
      local proc = require("pith.core").proc
      if KEEP then assert(proc.keep_heap(32 * 1024 * 1024, 8 * 1024 * 1024)) end
      local function minflt()
        local f = io.open("/proc/self/stat")
        local s = f:read("a")
        f:close()
        return tonumber(s:gsub("^.*%) ", ""):match("^%S+" .. ("%s+%S+"):rep(6) .. "%s+(%d+)"))
      end
      local big = string.rep("x", 4 * 1024 * 1024)
      big = nil
      collectgarbage()
      local before = minflt()
      big = string.rep("y", 4 * 1024 * 1024)
      print(minflt() - before)
    ]]
    -- without the sanitizer preload of `make asan`: its allocator is not glibc's
    local cmd = "env -u LD_PRELOAD lua5.4 -e 'KEEP = " .. tostring(keep) .. "' -e '"
      .. code:gsub("'", "'\\''") .. "'"
    local h = assert(io.popen(cmd))
    local out = h:read("a")
    h:close()
    return assert(tonumber(out), out)
  end

  it("keeps freed heap: a block taken again costs no page faults (glibc's default faults it in anew)", function()
    assert.is_true(refault(false) > 500) -- 4 MB is 1024 pages of 4 KB (2049 faults here)
    assert.is_true(refault(true) < 50)
  end)
end)
