using Dispatch.Workflow.Selection;

namespace Dispatch.Workflow.Tests.Selection;

public sealed class HungarianMatcherTests
{
    [Fact]
    public void Solve_SmallKnownMatrix_FindsOptimum()
    {
        // Greedy would give row 0 column 0 (9) and leave row 1 with 1: total 10. Optimal is 8 + 7 = 15.
        long[] weights = [9, 8, 7, 1];

        var result = HungarianMatcher.Solve(weights, 2, 2);

        result.ShouldBe([1, 0]);
    }

    [Fact]
    public void Solve_ForbiddenCells_ServesMostRowsFirst()
    {
        long[] weights = [100, 1, 100, 0];
        bool[] allowed = [true, true, true, false];

        var result = HungarianMatcher.Solve(weights, 2, 2, allowed);

        result.ShouldBe([1, 0]);
    }

    [Fact]
    public void Solve_BadShape_Throws()
    {
        Should.Throw<ArgumentException>(() => HungarianMatcher.Solve(new long[5], 2, 3)).ParamName.ShouldBe("weights");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Solve_RandomSmallRounds_MatchesBruteForce(int seed)
    {
        var random = new Random(seed);
        for (var trial = 0; trial < 150; trial++)
        {
            var rows = random.Next(0, 6);
            var columns = random.Next(0, 7);
            var weights = new long[rows * columns];
            var allowed = new bool[rows * columns];
            for (var k = 0; k < weights.Length; k++)
            {
                weights[k] = random.Next(-20, 60);
                allowed[k] = random.NextDouble() > 0.25;
            }

            var result = HungarianMatcher.Solve(weights, rows, columns, allowed);

            result.Length.ShouldBe(rows);
            result.Where(c => c >= 0).Distinct().Count().ShouldBe(result.Count(c => c >= 0), "a column was used twice");
            for (var r = 0; r < rows; r++)
            {
                if (result[r] >= 0)
                {
                    allowed[(r * columns) + result[r]].ShouldBeTrue();
                }
            }

            Evaluate(result, weights, columns).ShouldBe(BruteForce(weights, allowed, rows, columns), $"trial {trial}: {rows}x{columns}");
        }
    }

    private static (int Count, long Total) Evaluate(int[] result, long[] weights, int columns)
    {
        var count = 0;
        var total = 0L;
        for (var r = 0; r < result.Length; r++)
        {
            if (result[r] >= 0)
            {
                count++;
                total += weights[(r * columns) + result[r]];
            }
        }

        return (count, total);
    }

    private static (int Count, long Total) BruteForce(long[] weights, bool[] allowed, int rows, int columns)
    {
        var best = (Count: 0, Total: 0L);
        var usedColumns = new bool[columns];
        void Visit(int r, int count, long total)
        {
            if (r == rows)
            {
                if (count > best.Count || (count == best.Count && total > best.Total))
                {
                    best = (count, total);
                }

                return;
            }

            Visit(r + 1, count, total);
            for (var c = 0; c < columns; c++)
            {
                if (!usedColumns[c] && allowed[(r * columns) + c])
                {
                    usedColumns[c] = true;
                    Visit(r + 1, count + 1, total + weights[(r * columns) + c]);
                    usedColumns[c] = false;
                }
            }
        }

        Visit(0, 0, 0);
        return best;
    }
}
