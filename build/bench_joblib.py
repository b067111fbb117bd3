"""The joblib side of build/bench-joblib.sh: one job per process, the same jobs as tests/MemoGen.Benchmarks.Joblib.

Usage: python3 bench_joblib.py <write|load|mmap|arghit|small> <cache folder> [megabytes]
"""
import sys

import numpy as np
from joblib import Memory


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    job, folder = argv[1], argv[2]
    megabytes = int(argv[3]) if len(argv) > 3 else 256
    memory = Memory(folder, mmap_mode="r" if job == "mmap" else None, verbose=0)

    @memory.cache
    def make_array(megabytes):
        return np.arange(megabytes * (1024 * 1024 // 8), dtype=np.float64) * 0.5

    @memory.cache
    def sum_array(values):
        return float(np.sum(values))

    @memory.cache
    def ratio(a, b):
        return {"a": a, "b": b, "value": a / b, "label": f"{a}/{b}"}

    if job in ("write", "load", "mmap"):
        result = float(make_array(megabytes)[-1])
    elif job == "arghit":
        result = sum_array(make_array(megabytes))
    elif job == "small":
        result = ratio(3, 4)["value"]
    else:
        print(f"unknown job '{job}'", file=sys.stderr)
        return 2
    print(repr(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
