-- Neovim's own LSP client against `connect-views lsp`, headless. Opens a view file with a
-- typo'd prop, waits for the server's diagnostic, asks for hover, completion, document
-- symbols and a rename, and writes one line per check ("ok ..." or "BAD ...") to the file
-- named by $NVIM_LSP_REPORT, then quits. Works with Neovim 0.7 and later.
local report = {}
local function check(name, ok, detail)
  table.insert(report, (ok and "ok  " or "BAD ") .. name .. (ok and "" or (": " .. vim.inspect(detail))))
end

local bin = os.getenv("CONNECT_VIEWS_BIN")
local file = os.getenv("NVIM_LSP_FILE")
vim.cmd("edit " .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({
  name = "connect-views",
  cmd = { bin, "lsp" },
  root_dir = vim.fn.fnamemodify(file, ":h"),
  init_options = { level = "published" },
})
vim.lsp.buf_attach_client(buf, id)

local got = vim.wait(20000, function()
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == "CV041" then return true end
  end
  return false
end, 50)
local diags = vim.diagnostic.get(buf)
check("a diagnostic with its code", got, diags)
if got then
  local d
  for _, x in ipairs(diags) do if x.code == "CV041" then d = x end end
  local line = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1]
  check("at the typo", line:sub(d.col + 1, d.col + 10) == '"HelpText"', { d.lnum, d.col, line })
  check("an error", d.severity == vim.diagnostic.severity.ERROR, d)
end

local function pos_of(needle, shift)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local c = line:find(needle, 1, true)
    if c then return { line = i - 1, character = c - 1 + (shift or 0) } end
  end
end
local function request(method, params)
  local r = vim.lsp.buf_request_sync(buf, method, params, 10000)
  return r and r[id] and r[id].result
end
local doc = { uri = vim.uri_from_bufnr(buf) }

local hover = request("textDocument/hover", { textDocument = doc, position = pos_of('"Type": "Dropdown"', 10) })
check("hover shows the component's help", hover and hover.contents.value:find("**Dropdown**", 1, true) ~= nil, hover)

local symbols = request("textDocument/documentSymbol", { textDocument = doc })
check("document symbols are the component tree", symbols and symbols[1].name == "form" and #symbols[1].children == 3, symbols)

local items = request("textDocument/completion", { textDocument = doc, position = pos_of('"ElementByKey": "reason"', 17) })
local labels = {}
for _, it in ipairs((items and (items.items or items)) or {}) do table.insert(labels, it.label) end
check("completion offers the fields", vim.tbl_contains(labels, "reason") and vim.tbl_contains(labels, "why"), labels)

local edit = request("textDocument/rename", { textDocument = doc, position = pos_of('"Submit"]', 2), newName = "Send" })
local n = 0
for _, edits in pairs((edit and edit.changes) or {}) do n = n + #edits end
check("rename of the action edits the prop and the list", n == 2, edit)
if edit then vim.lsp.util.apply_workspace_edit(edit, "utf-16") end
local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n")
check("the applied rename leaves no Submit", not text:find("Submit", 1, true), text)

vim.fn.writefile(report, os.getenv("NVIM_LSP_REPORT"))
vim.lsp.stop_client(id)
vim.cmd("qall!")
