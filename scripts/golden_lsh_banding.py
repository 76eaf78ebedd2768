#!/usr/bin/env python3
"""Golden values for content.OptimalBanding: datasketch's MinHashLSH
parameter choice (datasketch/lsh.py, _optimal_param with equal weights),
with datasketch's own fallback integration when scipy is absent (midpoint
rule, step 0.001). Prints "threshold perms bands rows" per case.
Run: python3 scripts/golden_lsh_banding.py
"""

P = 0.001


def integrate(f, a, b):
    # datasketch's _integration: midpoint sums of step P.
    area, x = 0.0, a
    while x < b:
        area += f(x + 0.5 * P) * P
        x += P
    return area


def optimal(threshold, perms):
    best, opt = float("inf"), (0, 0)
    for b in range(1, perms + 1):
        for r in range(1, perms // b + 1):
            fp = integrate(lambda s: 1 - (1 - s ** r) ** b, 0.0, threshold)
            fn = integrate(lambda s: 1 - (1 - (1 - s ** r) ** b), threshold, 1.0)
            e = 0.5 * fp + 0.5 * fn
            if e < best:
                best, opt = e, (b, r)
    return opt


for t, n in [(0.5, 128), (0.6, 128), (0.8, 128), (0.75, 256), (0.5, 64)]:
    b, r = optimal(t, n)
    print(t, n, b, r)
