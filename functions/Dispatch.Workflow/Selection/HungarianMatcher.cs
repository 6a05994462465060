namespace Dispatch.Workflow.Selection;

/// <summary>
/// Maximum-weight assignment on a rectangular matrix with forbidden cells (the Hungarian algorithm with
/// potentials, O(n²m) for n ≤ m). It first maximizes how many rows get an allowed column, then the total
/// weight, which is what "every village gets a secretary if at all possible, and the best set of them"
/// means.
/// </summary>
public static class HungarianMatcher
{
    /// <summary>
    /// Solves the assignment problem. <paramref name="weights"/> is row-major, <paramref name="rows"/> ×
    /// <paramref name="columns"/>; <paramref name="allowed"/> (same layout) marks the usable cells, all
    /// usable when null. Returns, for each row, the chosen column or -1.
    /// </summary>
    public static int[] Solve(ReadOnlySpan<long> weights, int rows, int columns, ReadOnlySpan<bool> allowed = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        if (weights.Length != (long)rows * columns)
        {
            throw new ArgumentException($"weights has {weights.Length} cells; {rows} × {columns} expected.", nameof(weights));
        }

        if (!allowed.IsEmpty && allowed.Length != weights.Length)
        {
            throw new ArgumentException($"allowed has {allowed.Length} cells; {weights.Length} expected.", nameof(allowed));
        }

        var result = new int[rows];
        Array.Fill(result, -1);
        if (rows == 0 || columns == 0)
        {
            return result;
        }

        // The algorithm needs n ≤ m: transpose when there are more rows than columns.
        var transpose = rows > columns;
        var n = transpose ? columns : rows;
        var m = transpose ? rows : columns;
        long maxAbs = 1;
        for (var k = 0; k < weights.Length; k++)
        {
            if (allowed.IsEmpty || allowed[k])
            {
                maxAbs = Math.Max(maxAbs, Math.Abs(weights[k]));
            }
        }

        // A forbidden cell costs more than any difference in allowed weights, so one more allowed pair
        // always beats any gain in weight: F > (2n + 1)·W.
        var forbidden = checked(((2L * n) + 2) * maxAbs);
        var cost = new long[n * m];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var k = (r * columns) + c;
                var value = allowed.IsEmpty || allowed[k] ? -weights[k] : forbidden;
                if (transpose)
                {
                    cost[(c * m) + r] = value;
                }
                else
                {
                    cost[k] = value;
                }
            }
        }

        var match = SolveMinCost(cost, n, m);
        for (var i = 0; i < n; i++)
        {
            var j = match[i];
            var r = transpose ? j : i;
            var c = transpose ? i : j;
            var k = (r * columns) + c;
            if (allowed.IsEmpty || allowed[k])
            {
                result[r] = c;
            }
        }

        return result;
    }

    // Classic potentials formulation (1-based, column 0 is a sentinel): each row is added by growing a
    // shortest augmenting path over the reduced costs; every step is O(m) and a row takes at most O(n) steps.
    private static int[] SolveMinCost(long[] cost, int n, int m)
    {
        const long Infinity = long.MaxValue / 4;
        var u = new long[n + 1];
        var v = new long[m + 1];
        var p = new int[m + 1];
        var way = new int[m + 1];
        var minv = new long[m + 1];
        var used = new bool[m + 1];
        for (var i = 1; i <= n; i++)
        {
            p[0] = i;
            var j0 = 0;
            Array.Fill(minv, Infinity);
            Array.Clear(used);
            do
            {
                used[j0] = true;
                var i0 = p[j0];
                var delta = Infinity;
                var j1 = 0;
                var row = (i0 - 1) * m;
                var ui0 = u[i0];
                for (var j = 1; j <= m; j++)
                {
                    if (used[j])
                    {
                        continue;
                    }

                    var cur = cost[row + j - 1] - ui0 - v[j];
                    if (cur < minv[j])
                    {
                        minv[j] = cur;
                        way[j] = j0;
                    }

                    if (minv[j] < delta)
                    {
                        delta = minv[j];
                        j1 = j;
                    }
                }

                for (var j = 0; j <= m; j++)
                {
                    if (used[j])
                    {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minv[j] -= delta;
                    }
                }

                j0 = j1;
            }
            while (p[j0] != 0);

            do
            {
                var j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            }
            while (j0 != 0);
        }

        var match = new int[n];
        for (var j = 1; j <= m; j++)
        {
            if (p[j] != 0)
            {
                match[p[j] - 1] = j - 1;
            }
        }

        return match;
    }
}
