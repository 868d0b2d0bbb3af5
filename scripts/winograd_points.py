#!/usr/bin/env python3
"""Choose the interpolation points of Winograd's F(4x4,3x3) and F(3x3,3x3) for bf16 products.

models/winograd_conv.cpp rounds the transformed tiles (B^T d B) and filters (G g G^T) to bf16 and
the products to bf16 as well; how much the output transform (A^T M A) amplifies those roundings
depends on the points the Toom-Cook construction interpolates at. This script builds the exact
matrices for any m + 1 finite points (plus infinity) of F(m x m, 3x3), checks them against a direct correlation,
emulates the bf16 algorithm against float64 on GELU-like inputs, and prints the relative L2 error.

    python3 scripts/winograd_points.py                # the named point sets, matrices of the chosen one
    python3 scripts/winograd_points.py --search       # every 0 + four of +-{1/4 .. 4} (minutes)
    python3 scripts/winograd_points.py --tile 3       # the same for F(3x3,3x3), four finite points

Needs NumPy (Debian: python3-numpy).
"""

import argparse
import itertools
from fractions import Fraction

import numpy as np

R_FILTER = 3


def matrices(points):
    """A^T (m x alpha), G (alpha x 3), B^T (alpha x alpha) as Fractions, for correlation:
    y = A^T[(G g) . (B^T d)], with alpha = len(points) + 1 and m = alpha - 2."""
    pts = [Fraction(p) for p in points]
    ALPHA = len(pts) + 1
    M_OUT = ALPHA - R_FILTER + 1
    if M_OUT < 2 or len(set(pts)) != len(pts):
        raise ValueError("need at least three distinct finite points")
    at = [[Fraction(0)] * ALPHA for _ in range(M_OUT)]
    g = [[Fraction(0)] * R_FILTER for _ in range(ALPHA)]
    for j, p in enumerate(pts):
        scale = Fraction(1)
        for q in pts:
            if q != p:
                scale *= p - q
        for i in range(M_OUT):
            at[i][j] = p ** i
        for k in range(R_FILTER):
            g[j][k] = p ** k / scale
    at[M_OUT - 1][ALPHA - 1] = Fraction(1)
    g[ALPHA - 1][R_FILTER - 1] = Fraction(1)
    # B^T from sum_j A^T[i][j] G[j][k] B^T[j][l] = [l == i + k], solved exactly.
    n = ALPHA * ALPHA
    rows = []
    for i in range(M_OUT):
        for k in range(R_FILTER):
            for l in range(ALPHA):
                row = [Fraction(0)] * (n + 1)
                for j in range(ALPHA):
                    row[j * ALPHA + l] = at[i][j] * g[j][k]
                row[n] = Fraction(1 if l == i + k else 0)
                rows.append(row)
    pivots, rank = [], 0
    for col in range(n):
        pivot = next((r for r in range(rank, len(rows)) if rows[r][col] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        lead = rows[rank][col]
        rows[rank] = [x / lead for x in rows[rank]]
        for r in range(len(rows)):
            if r != rank and rows[r][col] != 0:
                factor = rows[r][col]
                rows[r] = [x - factor * y for x, y in zip(rows[r], rows[rank])]
        pivots.append(col)
        rank += 1
    if any(all(x == 0 for x in row[:n]) and row[n] != 0 for row in rows):
        raise ValueError("no input transform for these points")
    solution = [Fraction(0)] * n
    for r, col in enumerate(pivots):
        solution[col] = rows[r][n]
    bt = [[solution[j * ALPHA + l] for l in range(ALPHA)] for j in range(ALPHA)]
    return at, g, bt


def to_bf16(a):
    bits = np.asarray(a, np.float32).view(np.uint32).astype(np.uint64)
    rounded = ((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16) << 16
    return rounded.astype(np.uint32).view(np.float32)


def emulated_error(points, channels=64, filters=64, tiles=200, seed=5):
    at, g, bt = (np.array(m, dtype=np.float64) for m in matrices(points))
    M_OUT, ALPHA = at.shape
    rng = np.random.default_rng(seed)
    d = to_bf16(np.maximum(rng.standard_normal((tiles, channels, ALPHA, ALPHA)), 0))
    w = (rng.standard_normal((filters, channels, 3, 3)) / np.sqrt(9 * channels)).astype(np.float32)
    v = to_bf16(np.einsum("ia,tcab,jb->tcij", bt, d, bt).astype(np.float32))
    u = to_bf16(np.einsum("ia,kcab,jb->kcij", g, w, g).astype(np.float32))
    m = to_bf16(np.einsum("tcij,kcij->tkij", v.astype(np.float64), u.astype(np.float64)).astype(np.float32))
    y = np.einsum("xi,tkij,yj->tkxy", at, m.astype(np.float64), at)
    reference = np.zeros_like(y)
    for a in range(3):
        for b in range(3):
            reference += np.einsum("tcxy,kc->tkxy", d[:, :, a:a + M_OUT, b:b + M_OUT].astype(np.float64),
                                   w[:, :, a, b].astype(np.float64))
    return float(np.linalg.norm(y - reference) / np.linalg.norm(reference))


def exactness(points):
    """Largest deviation of the float64 algorithm from a direct correlation (should be ~1e-15)."""
    at, g, bt = (np.array(m, dtype=np.float64) for m in matrices(points))
    M_OUT, ALPHA = at.shape
    rng = np.random.default_rng(0)
    d = rng.standard_normal((ALPHA, ALPHA))
    w = rng.standard_normal((3, 3))
    y = at @ ((g @ w @ g.T) * (bt @ d @ bt.T)) @ at.T
    reference = np.array([[np.sum(d[x:x + 3, z:z + 3] * w) for z in range(M_OUT)] for x in range(M_OUT)])
    return float(np.abs(y - reference).max())


NAMED = {4: {
    "Lavin and Gray: 0, +-1, +-2": [0, 1, -1, 2, -2],
    "0, +-1, +-1/2": [0, 1, -1, Fraction(1, 2), Fraction(-1, 2)],
    "0, +-1, 1/2, -2": [0, 1, -1, Fraction(1, 2), -2],
    "0, +-3/2, +-3/4": [0, Fraction(3, 2), Fraction(-3, 2), Fraction(3, 4), Fraction(-3, 4)],
    "0, +-3/2, +-2/3 (CifarLab)": [0, Fraction(3, 2), Fraction(-3, 2), Fraction(2, 3), Fraction(-2, 3)],
}, 3: {
    "0, +-1, 2": [0, 1, -1, 2],
    "0, +-1, 1/2": [0, 1, -1, Fraction(1, 2)],
    "0, +-1, -1/2": [0, 1, -1, Fraction(-1, 2)],
    "0, +-1, 3/2": [0, 1, -1, Fraction(3, 2)],
    "0, +-1, 2/3": [0, 1, -1, Fraction(2, 3)],
    "0, +-2/3, 3/2": [0, Fraction(2, 3), Fraction(-2, 3), Fraction(3, 2)],
    "0, +-3/2, 2/3": [0, Fraction(3, 2), Fraction(-3, 2), Fraction(2, 3)],
    "0, -1, 1/2, 2": [0, -1, Fraction(1, 2), 2],
    "0, -1, 1/2, 3/2": [0, -1, Fraction(1, 2), Fraction(3, 2)],
    "0, -1, 2/3, 2 (CifarLab)": [0, -1, Fraction(2, 3), 2],
}}
CHOSEN = {4: "0, +-3/2, +-2/3 (CifarLab)", 3: "0, -1, 2/3, 2 (CifarLab)"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--search", action="store_true", help="try every 0 + m points of +-{1/4 .. 4}")
    parser.add_argument("--tile", type=int, choices=(3, 4), default=4, help="output tile m of F(m x m, 3x3)")
    parser.add_argument("--tiles", type=int, default=200, help="tiles in the emulation (default 200)")
    args = parser.parse_args()
    if args.search:
        grid = [Fraction(1, 4), Fraction(1, 3), Fraction(1, 2), Fraction(2, 3), Fraction(3, 4), 1,
                Fraction(3, 2), 2, 3, 4]
        grid = sorted({Fraction(x) for x in grid} | {-Fraction(x) for x in grid})
        results = []
        for rest in itertools.combinations(grid, args.tile):
            points = [0, *rest]
            results.append((emulated_error(points, tiles=args.tiles), points))
        results.sort()
        for error, points in results[:15]:
            print(f"{error:.3e}  {', '.join(str(p) for p in points)}")
        return
    print(f"{'points (and infinity)':30s} {'exact':>9s} {'bf16 error, C=64':>17s} {'C=256':>9s}")
    for name, points in NAMED[args.tile].items():
        print(f"{name:30s} {exactness(points):9.1e} {emulated_error(points, tiles=args.tiles):17.3e} "
              f"{emulated_error(points, channels=256, tiles=args.tiles):9.3e}")
    print(f"\nCifarLab's points for F({args.tile}x{args.tile},3x3): {CHOSEN[args.tile]}")
    at, g, bt = matrices(NAMED[args.tile][CHOSEN[args.tile]])
    for name, matrix in (("B^T", bt), ("A^T", at), ("G", g)):
        print(f"\n{name}:")
        for row in matrix:
            print("  " + "  ".join(f"{str(x):>7s}" for x in row))


if __name__ == "__main__":
    main()
