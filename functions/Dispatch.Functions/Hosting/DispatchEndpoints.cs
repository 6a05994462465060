using Dispatch.Functions.Apis;
using Dispatch.Functions.Clock;
using Dispatch.Functions.Durable;
using Dispatch.Functions.Forms;
using Dispatch.Mail;
using Microsoft.Extensions.Options;

namespace Dispatch.Functions.Hosting;

/// <summary>Maps every endpoint of the host (the route table the deployment enumerates).</summary>
internal static class DispatchEndpoints
{
    /// <summary>Maps the APIs, forms and webhooks under one group that drains the manual clock's due work after writes.</summary>
    public static WebApplication MapDispatchEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi().AllowAnonymous();
        var root = app.MapGroup(string.Empty).AddEndpointFilter<ManualClockDrainFilter>();
        root.MapHealthApi();
        root.MapClockApi();
        root.MapDurableApi();
        root.MapFormsApi();
        root.MapMasterDataApi();
        root.MapAssignmentsApi();
        var options = app.Services.GetRequiredService<IOptions<DispatchHostOptions>>().Value;
        var mail = app.Services.GetRequiredService<IOptions<MailOptions>>().Value;
        root.MapMailApi(options.EffectiveMailMode == MailMode.Outbox, mail.MaxInboundBytes);
        return app;
    }
}
