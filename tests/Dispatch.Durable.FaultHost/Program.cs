using Dispatch.Durable.FaultHost;

// Usage: Dispatch.Durable.FaultHost <connection string> <task hub>
// Runs a worker on the hub until killed; the fault tests kill it with Process.Kill at random points.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Dispatch.Durable.FaultHost <connection string> <task hub>");
    return 2;
}

await using var services = FaultWorkload.BuildServices(args[0], args[1], $"faulthost-{Environment.ProcessId}");
var worker = FaultWorkload.Worker(services);
await worker.StartAsync(CancellationToken.None);
Console.WriteLine("fault host started");
await Task.Delay(Timeout.Infinite);
return 0;
