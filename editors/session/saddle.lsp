Content-Length: 120

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": null, "capabilities": {}}}
Content-Length: 58

{"jsonrpc": "2.0", "method": "initialized", "params": {}}
Content-Length: 491

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///study/saddle.dyn", "languageId": "dyn", "version": 1, "text": "import models\nimport datasets\n\nparam alpha = 1e-4\ndata teacher = linear_teacher(d = 4, out = 4, n = 50, singular_values = [3, 2], seed = 0)\nmodel net = two_layer(d = 4, width = 8, out = 4, act = rleu, scale = alpha)\ntrain gf = flow(net, teacher, until = 10)\nobserve loss at log(0.01, 10, 20)\ncheck final(gf.loss) < 1\n"}}}
Content-Length: 172

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///study/saddle.dyn"}, "position": {"line": 8, "character": 15}}}
Content-Length: 167

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///study/saddle.dyn"}, "position": {"line": 5, "character": 14}}}
Content-Length: 172

{"jsonrpc": "2.0", "id": 4, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///study/saddle.dyn"}, "position": {"line": 5, "character": 14}}}
Content-Length: 167

{"jsonrpc": "2.0", "id": 5, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///study/saddle.dyn"}, "position": {"line": 5, "character": 70}}}
Content-Length: 50

{"jsonrpc": "2.0", "id": 6, "method": "shutdown"}
Content-Length: 37

{"jsonrpc": "2.0", "method": "exit"}
