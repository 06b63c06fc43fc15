#!/usr/bin/env python3
"""Makes SampleCurves/veteran-standard: a hand-digitisation-like input for `kmrecon reconstruct`.

Data: the Veterans' Administration lung cancer trial (Kalbfleisch & Prentice 1980; R survival's
`veteran`), standard-treatment arm, 69 patients: (days, 1 = death / 0 = censored).
The Kaplan-Meier curve is "digitised" the way a person clicks it: both corners of every drop,
with small deterministic jitter (sd 0.5 day, 0.002 survival) and rounding, as from a figure.
The numbers at risk are the true #(time >= t) at the figure's ticks, every 100 days.
Run: python3 SampleCurves/make_points.py   (standard library only; output is deterministic)
"""
import os
import random

STANDARD = [(72,1),(411,1),(228,1),(126,1),(118,1),(10,1),(82,1),(110,1),(314,1),(100,0),(42,1),
    (8,1),(144,1),(25,0),(11,1),(30,1),(384,1),(4,1),(54,1),(13,1),(123,0),(97,0),(153,1),(59,1),
    (117,1),(16,1),(151,1),(22,1),(56,1),(21,1),(18,1),(139,1),(20,1),(31,1),(52,1),(287,1),(18,1),
    (51,1),(122,1),(27,1),(54,1),(7,1),(63,1),(392,1),(10,1),(8,1),(92,1),(35,1),(117,1),(132,1),
    (12,1),(162,1),(3,1),(95,1),(177,1),(162,1),(216,1),(553,1),(278,1),(12,1),(260,1),(200,1),
    (156,1),(182,0),(143,1),(105,1),(103,1),(250,1),(100,1)]


def km_corners(data):
    times = sorted(set(t for t, _ in data))
    at_risk, s, corners = len(data), 1.0, [(0.0, 1.0)]
    for t in times:
        d = sum(1 for u, e in data if u == t and e == 1)
        n = sum(1 for u, _ in data if u == t)
        if d:
            corners.append((t, s))
            s *= (at_risk - d) / at_risk
            corners.append((t, s))
        at_risk -= n
    corners.append((max(t for t, _ in data), s))
    return corners


def main():
    rng = random.Random(20260101)
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "veteran-standard")
    os.makedirs(here, exist_ok=True)
    with open(os.path.join(here, "points.csv"), "w") as f:
        f.write("time,surv\n")
        for t, s in km_corners(STANDARD):
            f.write(f"{round(t + rng.gauss(0, 0.5), 1)},{round(s + rng.gauss(0, 0.002), 4)}\n")
    with open(os.path.join(here, "risktable.csv"), "w") as f:
        f.write("trisk,nrisk\n")
        for t in range(0, 600, 100):
            f.write(f"{t},{sum(1 for u, _ in STANDARD if u >= t)}\n")


if __name__ == "__main__":
    main()
