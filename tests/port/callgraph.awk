# callgraph.awk - the C stack bound of a call tree: the longest path (sum of the frame sizes) from
# the function ROOT in gcc -fcallgraph-info=su output (a .ci file). Indirect calls (the host
# callbacks, the allocator and tracer hooks) and functions outside the file count as 0 bytes;
# recursion, which would make the bound infinite, is reported after the number.
/^node:/ {
    t = $0; sub(/.*title: "/, "", t); sub(/".*/, "", t); sub(/^[^:]*:/, "", t)
    b = $0; if (match(b, /\\n[0-9]+ bytes/)) { b = substr(b, RSTART + 2, RLENGTH - 8) + 0 } else b = 0
    size[t] = b
}
/^edge:/ {
    s = $0; sub(/.*sourcename: "/, "", s); sub(/".*/, "", s); sub(/^[^:]*:/, "", s)
    d = $0; sub(/.*targetname: "/, "", d); sub(/".*/, "", d); sub(/^[^:]*:/, "", d)
    if (!((s, d) in seen)) { seen[s, d] = 1; n[s]++; succ[s, n[s]] = d }
}
function depth(f,   i, m, x) {
    if (f in memo) return memo[f]
    if (f in busy) { recursive = recursive " " f; return 0 }
    busy[f] = 1; m = 0
    for (i = 1; i <= n[f]; i++) { x = depth(succ[f, i]); if (x > m) m = x }
    delete busy[f]
    return memo[f] = size[f] + m
}
END { print depth(ROOT) (recursive ? " recursive:" recursive : "") }
