grammar Dyn;
script : EOF ;
WS : [ \t\r\n]+ -> skip ;
