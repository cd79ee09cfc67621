/*
 * The tokens of dyn. Newlines end statements, except inside ( ) and [ ], where they are skipped so
 * that a long call can span several lines. Braces reset the depth: a `{` or `}` never belongs
 * inside parentheses, so an unclosed `(` cannot swallow the newlines of a whole body.
 */
lexer grammar DynLexer;

@members {
  private int depth = 0;

  private static final String[] STATEMENT_KEYWORDS = {
    "import", "param", "data", "model", "train", "dataset", "observe", "report", "check",
    "predict", "compare", "sweep", "let", "backend"
  };

  /**
   * True when the line after this newline starts, in column 1, with a top-level statement keyword
   * and a space. Such a line always begins a statement (continuation lines are indented), so a
   * newline before it ends the statement even when a `(` was left open: one missing `)` then
   * costs one error, not the rest of the file.
   */
  private boolean statementFollows() {
    for (String k : STATEMENT_KEYWORDS) {
      boolean match = true;
      for (int i = 0; i < k.length() && match; i++) match = _input.LA(i + 1) == k.charAt(i);
      if (match && _input.LA(k.length() + 1) == ' ') return true;
    }
    return false;
  }
}

// Keywords. `at`, `data`, `model`, `train`, `dataset`, `backend` and `require` are also accepted as names where a
// name is expected (check functions use `at(s, t)`), see DynParser.name.
IMPORT  : 'import';
PARAM   : 'param';
DATA    : 'data';
MODEL   : 'model';
TRAIN   : 'train';
DATASET : 'dataset';
OBSERVE : 'observe';
REPORT  : 'report';
CHECK   : 'check';
PREDICT : 'predict';
COMPARE : 'compare';
SWEEP   : 'sweep';
BACKEND : 'backend';
FOR     : 'for';
AT      : 'at';
IN      : 'in';
NEURON  : 'neuron';
LET     : 'let';
RETURN  : 'return';
REQUIRE : 'require';
IF      : 'if';
THEN    : 'then';
ELSE    : 'else';
AND     : 'and';
OR      : 'or';
NOT     : 'not';
TRUE    : 'true';
FALSE   : 'false';

LPAREN : '(' { depth++; };
RPAREN : ')' { if (depth > 0) depth--; };
LBRACK : '[' { depth++; };
RBRACK : ']' { if (depth > 0) depth--; };
LBRACE : '{' { depth = 0; };
RBRACE : '}' { depth = 0; };

DOTDOT  : '..';
DOT     : '.';
COMMA   : ',';
COLONEQ : ':=';   // never valid: lexed whole so the parser can give advice
COLON   : ':';
TILDE   : '~';
EQ      : '==';
NE      : '!=';
LE      : '<=';
GE      : '>=';
LT      : '<';
GT      : '>';
ASSIGN  : '=';
PLUS    : '+';
MINUS   : '-';
STARSTAR: '**';   // never valid: advice is "use ^"
STAR    : '*';
SLASH   : '/';
MATMUL  : '@';
CARET   : '^';
QUOTE   : '\'';
ANDAND  : '&&';   // never valid: advice is "use and"
OROR    : '||';   // never valid: advice is "use or"

NUMBER : DIGITS ('.' DIGITS)? EXPONENT? ;
STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"' ;
UNTERMINATED_STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])* '\\'? ;
IDENT  : [a-zA-Z_] [a-zA-Z_0-9]* ;

NL      : '\r'? '\n' {
  if (depth > 0) {
    if (statementFollows()) depth = 0;
    else skip();
  }
};
WS      : [ \t\f\r]+ -> skip ;
COMMENT : '#' ~[\r\n]* -> skip ;

// Anything else becomes one token the parser cannot use, so the error is reported (in dyn wording)
// with the rest of the syntax errors instead of by the lexer's console listener.
BAD_CHAR : . ;

fragment DIGITS   : [0-9]+ ;
fragment EXPONENT : [eE] [+-]? DIGITS ;
