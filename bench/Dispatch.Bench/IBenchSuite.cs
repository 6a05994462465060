namespace Dispatch.Bench;

/// <summary>One named benchmark, run by <c>./dispatch bench NAME</c>.</summary>
public interface IBenchSuite
{
    /// <summary>Gets the name given on the command line, e.g. <c>tables</c>.</summary>
    string Name { get; }

    /// <summary>Gets a one-line description for the list of suites.</summary>
    string Description { get; }

    /// <summary>Runs the suite, reporting every figure through <paramref name="report"/>.</summary>
    Task RunAsync(BenchReport report, CancellationToken cancellationToken);
}
