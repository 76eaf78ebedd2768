"""Golden values for echo.RWCReleased: the released code of Garimella et al.
(gvrkiran/controversy-detection, code/randomwalk/computePolarizationScoreRandomwalk.py)
re-run in Python 3 with networkx on two small graphs, many rounds, so that
the Go simulation (another random stream) can be compared within Monte
Carlo error. Prints the RWC per graph."""
import random
import networkx as nx

def released(G, left, right, percent, reps, seed):
    rnd = random.Random(seed)
    ll = lr = rl = rr = 0
    kl, kr = int(percent * len(left)), int(percent * len(right))
    for _ in range(reps):
        L = list(dict.fromkeys(rnd.choice(left) for _ in range(kl)))
        R = list(dict.fromkeys(rnd.choice(right) for _ in range(kr)))
        for start_side, S, O in (("l", L, R), ("r", R, L)):
            for i in range(len(S) - 1):
                s = S[i]
                others = set(S[:i] + S[i + 1:])
                o = set(O)
                v = s
                while True:
                    v = rnd.choice(list(G.neighbors(v)))
                    if v in others:
                        end = start_side
                        break
                    if v in o:
                        end = "r" if start_side == "l" else "l"
                        break
                if start_side == "l":
                    if end == "l": ll += 1
                    else: lr += 1
                else:
                    if end == "l": rl += 1
                    else: rr += 1
    e1 = ll / (ll + rl); e2 = lr / (lr + rr); e3 = rl / (ll + rl); e4 = rr / (lr + rr)
    return e1 * e4 - e2 * e3

# K_40, sides 0..19 and 20..39, percent 100%.
K = nx.complete_graph(40)
print("complete40", released(K, list(range(20)), list(range(20, 40)), 1.0, 20000, 1))
# Two cliques of 10 joined by one edge (9-10), percent 50%.
B = nx.barbell_graph(10, 0)
print("barbell10", released(B, list(range(10)), list(range(10, 20)), 0.5, 20000, 1))
