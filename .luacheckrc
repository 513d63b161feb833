std = "lua54"
max_line_length = 120
codes = true
include_files = {
  "lua/**/*.lua", "spec/**/*.lua", "bin/pith", "bench/*.lua", "rockspec/*.rockspec", ".busted", ".luacheckrc",
}
exclude_files = { "lua_modules/", ".luarocks/", "build/" }
files["spec/**/*.lua"] = { std = "+busted" }
files["rockspec/*.rockspec"] = { std = "+rockspec" }
files[".busted"] = { std = "+busted" }
