using Dispatch.Functions;
using Dispatch.Functions.Apis;

var builder = WebApplication.CreateSlimBuilder(args);
HostPort.Configure(builder);
builder.Services.AddProblemDetails();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapHealthApi();
app.MapCustomHandler();
app.Run();

/// <summary>Entry point; public so WebApplicationFactory can reach it in tests.</summary>
public partial class Program;
