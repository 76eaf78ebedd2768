#!/usr/bin/env python3
"""Write the solved copy of the homophily/reciprocity lab, for teachers.

    python3 scripts/lab_solution.py /tmp/lab_solution.ipynb
    jupyter-nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=gonb \
        --output-dir /tmp /tmp/lab_solution.ipynb

Every placeholder of notebooks/lab_homophily_reciprocity.ipynb is replaced by
one solution (the answer key of notebooks/TEACHERS.md); executed, the copy
prints "correct" for q1..q6. Run it after changing the lab or its data: it
checks that the hashed answers, the hints and the solutions agree. The copy
must not be committed next to the lab (students would find it).
"""
import json
import os
import sys

LAB = os.path.join(os.path.dirname(__file__), "..", "notebooks", "lab_homophily_reciprocity.ipynb")

SOLUTIONS = {
    "var q1 = -1 // ← your answer, e.g. an expression using mix.Counts":
        "var q1 = (mix.Counts[0][0] + mix.Counts[1][1]) / 2",
    "var q2 = math.NaN() // ← your answer":
        "var q2 = float64(q1) / float64(karate.Report().SimpleEdges)",
    "r := math.NaN() // ← replace with the formula (you may need a loop above this line)":
        "sumE, sumAB := 0.0, 0.0\nfor i := range e {\n\tsumE += e[i][i]\n\tsumAB += a[i] * b[i]\n}\nr := (sumE - sumAB) / (1 - sumAB)",
    'q4 := "" // ← your answer': 'q4 := "yes"',
    'q5 := "" // ← a group label': 'q5 := "c"',
    "_ = j // ← count the arc in returned when j engages with i too":
        "if sim.HasArc(j, i) {\n\t\t\treturned++\n\t\t}",
    "q6 := math.NaN() // ← your answer": "q6 := float64(returned) / float64(arcs)",
}


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    nb = json.load(open(LAB))
    used = set()
    for cell in nb["cells"]:
        src = "".join(cell["source"])
        for placeholder, solution in SOLUTIONS.items():
            if placeholder in src:
                src = src.replace(placeholder, solution)
                used.add(placeholder)
        cell["source"] = src
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    missing = set(SOLUTIONS) - used
    if missing:
        sys.exit("lab_solution.py: placeholders not found in the lab: %s" % sorted(missing))
    json.dump(nb, open(sys.argv[1], "w"), indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
