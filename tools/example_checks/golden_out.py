"""Reading an example's golden output (examples/NAME.out) in the example checks.

columns(path) returns every table of the file whose header starts with `t` as {column: values},
one float array per column (a later table's column of the same name replaces an earlier one).
Tables are the runs of non-blank lines after such a header, as dyn's `report table` prints them.
"""
import numpy as np


def columns(path):
    lines = open(path).read().splitlines()
    cols, i = {}, 0
    while i < len(lines):
        head = lines[i].split()
        if head[:1] == ["t"] and len(head) > 1:
            body = []
            i += 1
            while i < len(lines) and lines[i].strip():
                body.append([float(v) for v in lines[i].split()])
                i += 1
            arr = np.array(body)
            for j, h in enumerate(head[1:], start=1):
                cols[h] = arr[:, j]
        i += 1
    return cols
