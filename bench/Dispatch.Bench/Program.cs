using Dispatch.Bench;

var suites = typeof(IBenchSuite).Assembly.GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBenchSuite).IsAssignableFrom(t))
    .Select(t => (IBenchSuite)Activator.CreateInstance(t)!)
    .OrderBy(s => s.Name, StringComparer.Ordinal)
    .ToList();

if (args.Length == 0 || args[0] is "-h" or "--help" or "list")
{
    Console.WriteLine("usage: ./dispatch bench NAME    (NAME = all runs every suite)");
    foreach (var s in suites)
    {
        Console.WriteLine($"  {s.Name,-12} {s.Description}");
    }

    return args.Length == 0 ? 2 : 0;
}

var chosen = args[0] == "all" ? suites : suites.Where(s => s.Name == args[0]).ToList();
if (chosen.Count == 0)
{
    Console.Error.WriteLine($"dispatch bench: no suite named '{args[0]}'; known: {string.Join(", ", suites.Select(s => s.Name))}");
    return 2;
}

var report = new BenchReport(Console.Out);
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};
foreach (var suite in chosen)
{
    BenchReport.Note($"== {suite.Name}: {suite.Description}");
    await suite.RunAsync(report, cts.Token).ConfigureAwait(false);
}

return 0;
