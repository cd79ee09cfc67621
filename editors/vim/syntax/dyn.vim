" Vim syntax file for dyn (.dyn study scripts).
" The keywords must equal the ANTLR lexer's; cli's EditorGrammarTest checks them.
if exists("b:current_syntax")
  finish
endif

syn keyword dynStatement import param data model train dataset observe report check predict compare sweep let backend
syn keyword dynControl for at in neuron return require if then else
syn keyword dynOperatorWord and or not
syn keyword dynBoolean true false

syn match dynComment "#.*$" contains=@Spell
syn region dynString start=+"+ skip=+\\.+ end=+"\|$+
syn match dynNumber "\<\d\+\(\.\d\+\)\=\([eE][+-]\=\d\+\)\=\>"
syn match dynDefinition "\<\(model\|dataset\)\s\+\zs\h\w*\ze\s*("
syn match dynOperator "==\|!=\|<=\|>=\|[<>=+\-*/@^'~]\|\.\."

hi def link dynStatement Statement
hi def link dynControl Conditional
hi def link dynOperatorWord Operator
hi def link dynBoolean Boolean
hi def link dynComment Comment
hi def link dynString String
hi def link dynNumber Number
hi def link dynDefinition Function
hi def link dynOperator Operator

let b:current_syntax = "dyn"
