au BufRead,BufNewFile *.dyn setfiletype dyn
