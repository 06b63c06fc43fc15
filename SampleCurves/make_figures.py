#!/usr/bin/env python3
"""Renders SampleCurves/<case>/: Kaplan-Meier figures of public survival data sets, in the
benchmark case format (km-figure-spec/1, see FORMAT.md): figure.png, spec.json, truth.csv
(the true patients, arm,time,event) and truth.json (rendering facts: tick pixels, panel).

Data: R survival's public data sets (lung, veteran, aml, colon, gbsg, myeloid, ovarian, pbc),
read at generation time from a folder of `arm,time,event` CSV files (default:
../../shared/reference/survival next to the checkout; or pass --data DIR). Nothing is copied:
each case's truth.csv holds only the patients drawn in its figure, in the figure's time unit.

The figures cover colour and grey, 1 to 4 arms, at-risk tables, censor marks and confidence
bands. Numbers at risk are #(time >= t) at the x ticks, as survminer and base R print them.

Run: pip install matplotlib numpy; python3 SampleCurves/make_figures.py [--data DIR]
Deterministic: no randomness, fixed fonts and sizes, PNG metadata without a date.
"""
import argparse
import csv
import json
import math
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.join(HERE, "..", "..", "shared", "reference", "survival")


def read_groups(path, key=lambda row: row["arm"]):
    groups = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            groups.setdefault(key(row), []).append((float(row["time"]), int(row["event"])))
    return groups


def km(data):
    """Kaplan-Meier step function: (times, survival after each time, Greenwood var of log S)."""
    data = sorted(data)
    n = len(data)
    times, surv, varlog = [0.0], [1.0], [0.0]
    s, v, at_risk, i = 1.0, 0.0, n, 0
    while i < n:
        t = data[i][0]
        d = c = 0
        while i < n and data[i][0] == t:
            d += data[i][1]
            c += 1
            i += 1
        if d:
            s *= (at_risk - d) / at_risk
            if at_risk > d:
                v += d / (at_risk * (at_risk - d))
            times.append(t)
            surv.append(s)
            varlog.append(v)
        at_risk -= c
    return np.array(times), np.array(surv), np.array(varlog)


def step_xy(times, surv, end):
    x, y = [], []
    for k, (t, s) in enumerate(zip(times, surv)):
        if k:
            x.append(t)
            y.append(surv[k - 1])
        x.append(t)
        y.append(s)
    x.append(end)
    y.append(surv[-1])
    return np.array(x), np.array(y)


def surv_at(times, surv, t):
    k = np.searchsorted(times, t, side="right") - 1
    return surv[max(k, 0)]


def draw_case(name, groups, *, order, colors, styles, xticks, yticks, unit, scale=1.0,
              percent=False, risk_table=True, censor_marks=True, ci=False, color_hints=True,
              events_given=False, size=(8.0, 6.0), dpi=100, thousands=False, source=""):
    """One figure; `groups` are (time, event) lists in the data's unit, `scale` converts to the figure's.
    `thousands` prints the x tick labels with a thousands separator ("1,000")."""
    arms = {a: [(round(t * scale, 2), e) for t, e in groups[a]] for a in order}
    T = xticks[-1]
    rows = len(order) + 1 if risk_table else 0
    fig = plt.figure(figsize=size, dpi=dpi)
    row_h = 0.045
    table_h = row_h * rows + (0.03 if risk_table else 0)
    ax = fig.add_axes([0.14, 0.12 + table_h, 0.80, 0.83 - table_h])
    ymul = 100.0 if percent else 1.0
    for a in order:
        times, surv, varlog = km(arms[a])
        end = max(t for t, _ in arms[a])
        x, y = step_xy(times, surv, min(end, T))
        keep = x <= T
        ax.plot(x[keep], y[keep] * ymul, color=colors[a], linestyle=styles[a], linewidth=1.8,
                solid_capstyle="butt", label=a)
        if ci:
            se = np.sqrt(varlog)
            with np.errstate(divide="ignore"):
                lo = np.exp(np.log(np.maximum(surv, 1e-12)) - 1.96 * se)
                hi = np.minimum(1.0, np.exp(np.log(np.maximum(surv, 1e-12)) + 1.96 * se))
            xl, ylo = step_xy(times, lo, min(end, T))
            _, yhi = step_xy(times, hi, min(end, T))
            k2 = xl <= T
            ax.fill_between(xl[k2], ylo[k2] * ymul, yhi[k2] * ymul, color=colors[a], alpha=0.18,
                            linewidth=0, step=None)
        if censor_marks:
            ct = [t for t, e in arms[a] if e == 0 and t <= T]
            ax.plot(ct, [surv_at(times, surv, t) * ymul for t in ct], linestyle="none", marker="+",
                    markersize=7, markeredgewidth=1.3, color=colors[a])
    ax.set_xlim(0, T * 1.02)
    ax.set_ylim(yticks[0] - 0.02 * (yticks[-1] - yticks[0]), yticks[-1] + 0.03 * (yticks[-1] - yticks[0]))
    ax.set_xticks(xticks)
    ax.set_yticks(yticks)
    ax.set_xticklabels([f"{v:,g}" if thousands else f"{v:g}" for v in xticks])
    ax.set_yticklabels([f"{v:g}" if percent else f"{v:.2f}" for v in yticks])
    ax.set_xlabel(f"Time ({unit})")
    ax.set_ylabel("Survival (%)" if percent else "Survival probability")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(loc="upper right", frameon=False, fontsize=9)
    spec_arms = []
    for a in order:
        d = arms[a]
        entry = {"name": a}
        if color_hints:
            entry["color"] = colors[a]
        if risk_table:
            entry["at_risk"] = {"times": list(xticks), "counts": [sum(1 for t, _ in d if t >= x) for x in xticks]}
        else:
            entry["n"] = len(d)
        if events_given:
            entry["events"] = sum(e for _, e in d)
        spec_arms.append(entry)
    if risk_table:
        fig.text(0.02, 0.02 + row_h * len(order) + 0.005, "Number at risk", fontsize=9, fontweight="bold")
        for r, a in enumerate(order):
            yfig = 0.02 + row_h * (len(order) - 1 - r)
            fig.text(0.02, yfig, a[:12], fontsize=8, color=colors[a])
            for x, n in zip(xticks, spec_arms[r]["at_risk"]["counts"]):
                xf = ax.transData.transform((x, 0))[0] / fig.bbox.width
                fig.text(xf, yfig, str(n), fontsize=8, ha="center", color=colors[a])

    folder = os.path.join(HERE, name)
    os.makedirs(folder, exist_ok=True)
    fig.canvas.draw()
    height = fig.bbox.height
    tick_px = lambda v, axis: ax.transData.transform((v, 0) if axis == "x" else (0, v * 1.0))
    x_px = [[round(float(tick_px(v, "x")[0]), 2), v] for v in xticks]
    y_px = [[round(float(height - tick_px(v, "y")[1]), 2), v] for v in yticks]
    bb = ax.get_window_extent()
    fig.savefig(os.path.join(folder, "figure.png"), dpi=dpi, metadata={"Software": None})
    plt.close(fig)

    spec = {"format": "km-figure-spec/1", "image": "figure.png", "time_unit": unit,
            "x_axis": {"ticks": list(xticks)}, "y_axis": {"ticks": list(yticks)}, "arms": spec_arms}
    with open(os.path.join(folder, "spec.json"), "w") as f:
        json.dump(spec, f, indent=2)
        f.write("\n")
    with open(os.path.join(folder, "truth.csv"), "w") as f:
        f.write("arm,time,event\n")
        for a in order:
            for t, e in arms[a]:
                f.write(f"{a},{t:g},{e}\n")
    truth = {"case": name, "dataset": {"source": source}, "renderer": "matplotlib (make_figures.py)",
             "image": {"width": int(round(size[0] * dpi)), "height": int(round(size[1] * dpi))},
             "ticks_px": {"x": x_px, "y": y_px},
             "plot_region_px": [round(bb.x0, 1), round(height - bb.y1, 1), round(bb.x1, 1), round(height - bb.y0, 1)],
             "at_risk_convention": "#(time >= t)",
             "style": {"risk_table": risk_table, "censor_marks": censor_marks, "ci_band": ci,
                       "percent": percent, "color_hints": color_hints,
                       "line_styles": {a: styles[a] for a in order}}}
    with open(os.path.join(folder, "truth.json"), "w") as f:
        json.dump(truth, f, indent=2)
        f.write("\n")
    print(f"{name}: {', '.join(f'{a} n={len(arms[a])}' for a in order)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=DEFAULT_DATA, help="folder with the arm,time,event CSV files")
    data = parser.parse_args().data
    plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 10, "axes.linewidth": 1.0})
    month = 1 / 30.4375
    grey = {"solid": "-", "dashed": (0, (6, 3))}

    g = read_groups(os.path.join(data, "lung_sex.csv"))
    draw_case("lung-sex-colour", g, order=["Male", "Female"], colors={"Male": "#1F77B4", "Female": "#D62728"},
              styles={"Male": "-", "Female": "-"}, xticks=[0, 6, 12, 18, 24, 30], yticks=[0, 0.25, 0.5, 0.75, 1.0],
              unit="months", scale=month, events_given=True,
              source="R survival::lung, overall survival by sex (NCCTG advanced lung cancer); days -> months")

    g = read_groups(os.path.join(data, "veteran_trt.csv"))
    draw_case("veteran-trt-grey", g, order=["standard", "test"], colors={"standard": "#000000", "test": "#000000"},
              styles={"standard": grey["solid"], "test": grey["dashed"]}, xticks=[0, 200, 400, 600, 800, 1000],
              yticks=[0, 0.2, 0.4, 0.6, 0.8, 1.0], unit="days", risk_table=False, censor_marks=False,
              color_hints=False, events_given=True,
              source="R survival::veteran, Veterans' Administration lung cancer trial, by treatment")

    g = read_groups(os.path.join(data, "aml_x.csv"))
    draw_case("aml-censor-marks", g, order=["Maintained", "Nonmaintained"],
              colors={"Maintained": "#E66100", "Nonmaintained": "#5D3A9B"},
              styles={"Maintained": "-", "Nonmaintained": "-"}, xticks=[0, 20, 40, 60, 80, 100, 120, 140, 160],
              yticks=[0, 0.25, 0.5, 0.75, 1.0], unit="weeks", size=(7.0, 5.6),
              source="R survival::aml, acute myelogenous leukaemia, maintenance chemotherapy")

    g = read_groups(os.path.join(data, "colon_death_rx.csv"))
    draw_case("colon-rx-3arm-ci", g, order=["Obs", "Lev", "Lev+5FU"],
              colors={"Obs": "#1B9E77", "Lev": "#D95F02", "Lev+5FU": "#7570B3"},
              styles={a: "-" for a in ["Obs", "Lev", "Lev+5FU"]}, xticks=[0, 2, 4, 6, 8],
              yticks=[0, 0.25, 0.5, 0.75, 1.0], unit="years", scale=1 / 365.25, censor_marks=False, ci=True,
              size=(8.5, 6.5), source="R survival::colon, death, by treatment; days -> years")

    g = read_groups(os.path.join(data, "ovarian_rx.csv"))
    draw_case("ovarian-rx-grey-censor", g, order=["A", "B"], colors={"A": "#000000", "B": "#7F7F7F"},
              styles={"A": "-", "B": "-"}, xticks=[0, 200, 400, 600, 800, 1000, 1200],
              yticks=[0, 0.2, 0.4, 0.6, 0.8, 1.0], unit="days", size=(7.0, 5.6),
              source="R survival::ovarian, ovarian cancer trial, by treatment")

    g = read_groups(os.path.join(data, "pbc_trt.csv"))
    draw_case("pbc-trt-ci-percent", g, order=["D-penicillamine", "placebo"],
              colors={"D-penicillamine": "#0072B2", "placebo": "#CC79A7"},
              styles={"D-penicillamine": "-", "placebo": "-"}, xticks=[0, 2, 4, 6, 8, 10, 12],
              yticks=[0, 20, 40, 60, 80, 100], unit="years", scale=1 / 365.25, percent=True, ci=True,
              censor_marks=False, color_hints=False,
              source="R survival::pbc, primary biliary cholangitis trial, by treatment; days -> years")

    g = read_groups(os.path.join(data, "myeloid_trt.csv"))
    draw_case("myeloid-trt-no-hints", g, order=["A", "B"], colors={"A": "#E41A1C", "B": "#377EB8"},
              styles={"A": "-", "B": "-"}, xticks=[0, 500, 1000, 1500, 2000, 2500],
              yticks=[0, 0.25, 0.5, 0.75, 1.0], unit="days", color_hints=False, events_given=True, thousands=True,
              source="R survival::myeloid, acute myeloid leukaemia trial, by treatment arm")

    g = read_groups(os.path.join(data, "gbsg_hormon.csv"))
    draw_case("gbsg-hormon-grey-table", g, order=["none", "tamoxifen"],
              colors={"none": "#000000", "tamoxifen": "#000000"},
              styles={"none": grey["solid"], "tamoxifen": grey["dashed"]}, xticks=[0, 12, 24, 36, 48, 60, 72, 84],
              yticks=[0, 0.25, 0.5, 0.75, 1.0], unit="months", scale=month, censor_marks=False, color_hints=False,
              source="R survival::gbsg, German Breast Cancer Study Group, recurrence-free survival by hormone therapy; days -> months")

    g = read_groups(os.path.join(data, "pooled_colon_by_nodes.csv"),
                    key=lambda r: ("0-3 nodes " if r["study"] == "nodes0to3" else "4+ nodes ") + r["arm"])
    order = ["0-3 nodes Obs", "0-3 nodes Lev+5FU", "4+ nodes Obs", "4+ nodes Lev+5FU"]
    draw_case("colon-nodes-4arm", g, order=order,
              colors=dict(zip(order, ["#1F77B4", "#FF7F0E", "#2CA02C", "#D62728"])),
              styles={a: "-" for a in order}, xticks=[0, 2, 4, 6, 8], yticks=[0, 0.25, 0.5, 0.75, 1.0],
              unit="years", scale=1 / 365.25, censor_marks=False, size=(8.5, 7.0),
              source="R survival::colon, death, Obs and Lev+5FU arms split by positive nodes (0-3 / 4+); days -> years")

    g = read_groups(os.path.join(data, "lung_sex.csv"), key=lambda r: "All patients")
    draw_case("lung-single-arm-ci", g, order=["All patients"], colors={"All patients": "#000000"},
              styles={"All patients": "-"}, xticks=[0, 6, 12, 18, 24, 30], yticks=[0, 0.2, 0.4, 0.6, 0.8, 1.0],
              unit="months", scale=month, ci=True, color_hints=False,
              source="R survival::lung, overall survival, both sexes; days -> months")


if __name__ == "__main__":
    main()
