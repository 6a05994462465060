using Dispatch.Functions;
using Dispatch.Functions.Hosting;

var builder = WebApplication.CreateSlimBuilder(args);
HostPort.Configure(builder);
builder.AddDispatchHost();

var app = builder.Build();
app.UseDispatchHost();
app.MapDispatchEndpoints();
app.MapCustomHandler();
app.AnnounceDevelopmentKeys();
app.Run();

/// <summary>Entry point; public so WebApplicationFactory can reach it in tests.</summary>
public partial class Program;
