/*
 * The syntax of dyn (docs/LANGUAGE.md). Statements are newline-separated; the lexer drops newlines
 * inside ( ) and [ ]. Each statement form starts with its own token, so prediction is LL(1) at
 * statement level and error recovery resynchronises at the next newline.
 */
parser grammar DynParser;

options { tokenVocab = DynLexer; }

script : NL* (statement (NL+ statement)*)? NL* EOF ;

statement
  : IMPORT name                                                        # importStmt
  | PARAM name ASSIGN expr                                             # paramStmt
  | kind=(DATA | TRAIN | PREDICT | COMPARE) name ASSIGN call                            # instanceStmt
  | MODEL name (ASSIGN call | LPAREN headers? RPAREN block)             # modelStmt
  | DATASET name LPAREN headers? RPAREN block                          # datasetStmt
  | OBSERVE observed (COMMA observed)* (FOR names)? (AT call)?       # observeStmt
  | REPORT call                                                        # reportStmt
  | CHECK expr                                                         # checkStmt
  // A sweep over script params, with the metrics each point records: `sweep s = grid(...) { … }`.
  | SWEEP name ASSIGN call block?                                      # sweepStmt
  // A value derived from sweep results: a reduction, a fit.
  | LET name ASSIGN expr                                               # deriveStmt
  // Where the plan runs by default: `backend cpu|cuda|auto` (`--backend` on the command line wins).
  | BACKEND name                                                       # backendStmt
  // Not dyn: kept as one statement so the builder can give advice ("did you mean `model`?",
  // "dyn has no `while`") and the parser carries on at the next line.
  | ~(NL | IMPORT | PARAM | DATA | TRAIN | MODEL | DATASET | OBSERVE | REPORT | CHECK | PREDICT | COMPARE | SWEEP | LET | BACKEND) ~NL*  # unknownStmt
  ;

headers : header (COMMA header)* COMMA? ;
header  : name (ASSIGN expr)? ;

block : LBRACE NL* (bodyStmt (NL+ bodyStmt)*)? NL* RBRACE ;

bodyStmt
  // A condition on the definition's arguments, checked when it is instantiated (before the body):
  // `require whole(width) and width >= 1, "the width must be a whole number ≥ 1"`.
  : REQUIRE expr COMMA STRING                                       # requireStmt
  | PARAM name (LBRACK family=expr RBRACK)? COLON shape TILDE call   # tensorStmt
  | NEURON name LT expr COLON expr (COMMA expr)*                    # neuronStmt
  | LET name ASSIGN expr                                            # letStmt
  | FOR name IN expr DOTDOT expr block                              # forStmt
  | RETURN expr                                                     # returnStmt
  | name ASSIGN expr                                                # assignStmt
  ;

shape : LBRACK expr (COMMA expr)* RBRACK ;

names : name (COMMA name)* ;

// An observable, with settings where it has some: `loss`, `fourier_power(period = 20)`.
observed : name (LPAREN args? RPAREN)? ;

// Soft keywords: usable as names outside the statement position that gives them meaning.
name : IDENT | AT | DATA | MODEL | TRAIN | DATASET | PREDICT | COMPARE | SWEEP | BACKEND | REQUIRE ;

call : name LPAREN args? RPAREN ;
args : arg (COMMA arg)* COMMA? ;
arg  : (name ASSIGN)? expr ;

// Lowest precedence last; ANTLR gives earlier alternatives higher precedence.
expr
  : primary                                                  # primaryExpr
  | expr LBRACK index (COMMA index)* RBRACK                  # indexExpr
  | expr DOT name                                            # memberExpr
  | expr QUOTE                                               # transposeExpr
  | <assoc=right> expr CARET expr                            # powExpr
  | MINUS expr                                               # negExpr
  | expr op=(STAR | SLASH | MATMUL) expr                     # mulExpr
  | expr op=(PLUS | MINUS) expr                              # addExpr
  | expr op=(LT | LE | GT | GE | EQ | NE) expr               # compareExpr
  | NOT expr                                                 # notExpr
  | expr AND expr                                            # andExpr
  | expr OR expr                                             # orExpr
  | IF expr THEN expr ELSE expr                              # condExpr
  ;

index : COLON | expr ;

primary
  : call                                         # callPrimary
  | name                                         # namePrimary
  | NUMBER                                       # numberPrimary
  | STRING                                       # stringPrimary
  | (TRUE | FALSE)                               # boolPrimary
  | LBRACK (expr (COMMA expr)* COMMA?)? RBRACK   # vectorPrimary
  | LPAREN expr RPAREN                           # parenPrimary
  ;
