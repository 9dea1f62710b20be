"""Compare `breakwater risk --csv` with pandas on the same generated table (see scripts/bench-risk).

Both compute rows, classes, k_min, average prosecutor risk, sample uniques and records at
risk over the same quasi-identifiers; the script asserts they agree, then reports median wall
times. Breakwater is timed as a whole process (start-up and CSV reading included); pandas only
for read_csv + groupby + the figures inside an already running interpreter, which favours pandas.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import tempfile
import time

import pandas as pd

QI_8 = ["age", "sex", "zip3", "race", "marital", "education", "region", "insured"]
QI_10 = QI_8 + ["smoker", "language"]
LEVELS = {
    "age": 30, "sex": 2, "zip3": 10, "race": 5, "marital": 4, "education": 3, "region": 3,
    "smoker": 2, "language": 6,
}


def generate(path, n_rows, seed=20261127):
    rng = random.Random(seed)
    with open(path, "w") as f:
        f.write("id," + ",".join(QI_10) + ",diagnosis\n")
        for i in range(n_rows):
            v = {k: rng.randrange(n) for k, n in LEVELS.items()}
            # `insured` follows `sex`, so 8 QIs give about 100k classes on 1M rows.
            row = [str(i), str(20 + v["age"]), "FM"[v["sex"]], f"{100 + v['zip3'] * 7:03d}",
                   f"race{v['race']}", f"m{v['marital']}", f"e{v['education']}", f"r{v['region']}",
                   "yn"[v["sex"]], "yn"[v["smoker"]], f"l{v['language']}", f"d{rng.randrange(40)}"]
            f.write(",".join(row) + "\n")


def pandas_figures(path, qi, threshold=0.2):
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    sizes = df.groupby(qi, sort=False).size()
    n = len(df)
    return {
        "rows": n,
        "classes": int(len(sizes)),
        "k_min": int(sizes.min()),
        "avg_prosecutor_risk": len(sizes) / n,
        "sample_uniques": float(sizes[sizes == 1].sum()) / n,
        "records_at_risk": float(sizes[1.0 / sizes > threshold].sum()) / n,
    }


def timed(fn, repeat):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def breakwater(binary, path, qi):
    out = subprocess.run([binary, "risk", "--csv", path, "--qi", ",".join(qi), "--json"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def peak_rss_mib(cmd):
    out = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], check=True, capture_output=True, text=True)
    return int(out.stderr.strip().splitlines()[-1]) / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--ten-million", action="store_true")
    args = ap.parse_args()
    work = os.path.join(tempfile.gettempdir(), "breakwater-bench")
    os.makedirs(work, exist_ok=True)
    path = os.path.join(work, "risk_1m.csv")
    if not os.path.exists(path):
        generate(path, 1_000_000)

    bw_s, bw = timed(lambda: breakwater(args.bin, path, QI_8), args.repeat)
    pd_s, pdf = timed(lambda: pandas_figures(path, QI_8), args.repeat)
    for key, value in pdf.items():
        assert abs(bw[key] - value) < 1e-12, f"{key}: breakwater {bw[key]} pandas {value}"
    print(f"1M rows, 8 QIs, {bw['classes']:,} classes: figures agree")
    print(f"breakwater risk (whole process, CSV read included): {bw_s * 1000:.0f} ms median of {args.repeat}")
    print(f"  of which the computation itself: {bw['elapsed_ms']:.1f} ms")
    print(f"pandas read_csv + groupby + figures (in process): {pd_s * 1000:.0f} ms median of {args.repeat}")
    print(f"ratio breakwater / pandas: {bw_s / pd_s:.3f} (target <= 0.25)")

    if args.ten_million:
        big = os.path.join(work, "risk_10m.csv")
        if not os.path.exists(big):
            generate(big, 10_000_000)
        rss = peak_rss_mib([args.bin, "risk", "--csv", big, "--qi", ",".join(QI_10), "--json"])
        print(f"10M rows x 10 QIs: peak memory {rss:,.0f} MiB (target <= 8192)")


if __name__ == "__main__":
    main()
