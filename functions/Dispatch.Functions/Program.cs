using Dispatch.Functions;
using Dispatch.Functions.Apis;
using Dispatch.Functions.Durable;
using Dispatch.Functions.Hosting;

var builder = WebApplication.CreateSlimBuilder(args);
HostPort.Configure(builder);
builder.AddDispatchHost();

var app = builder.Build();
app.UseDispatchHost();
app.MapOpenApi().AllowAnonymous();
app.MapHealthApi();
app.MapClockApi();
app.MapDurableApi();
app.AnnounceDevelopmentKeys();
app.MapCustomHandler();
app.Run();

/// <summary>Entry point; public so WebApplicationFactory can reach it in tests.</summary>
public partial class Program;
