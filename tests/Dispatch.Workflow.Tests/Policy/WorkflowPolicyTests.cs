using Dispatch.Workflow.Policy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dispatch.Workflow.Tests.Policy;

public sealed class WorkflowPolicyTests
{
    private static IServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddWorkflowPolicy();
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Value_NoSettings_HasDocumentedDefaults()
    {
        var policy = Build([]).GetRequiredService<IOptions<WorkflowPolicy>>().Value;

        policy.MinWorkYears.ShouldBe(2);
        policy.MaxAge.ShouldBe(45);
        policy.HealthFitRequired.ShouldBeTrue();
        policy.TermMonths.ShouldBe(24);
        policy.HandoverWithinDays.ShouldBe(14);
        policy.SelectionReminderDays.ShouldBe(3);
        policy.SelectionEscalationDays.ShouldBe(7);
        policy.CheckInDayOfMonth.ShouldBe(1);
        policy.CheckInReminderDays.ShouldBe(3);
        policy.CheckInEscalationDays.ShouldBe(7);
        policy.MinDaysInVillage.ShouldBe(20);
        policy.ReviewIntervalMonths.ShouldBe(12);
        (policy.OrgDepartmentWeight, policy.TownshipWeight, policy.UnitWeight, policy.VillagersWeight).ShouldBe((40, 30, 30, 0));
        (policy.ExcellentThreshold, policy.CompetentThreshold, policy.BasicallyCompetentThreshold).ShouldBe((90d, 75d, 60d));
        (policy.NoExcellentAtAbsences, policy.BasicallyCompetentAtAbsences, policy.IncompetentAtAbsences).ShouldBe((1, 2, 3));
        policy.TownshipEmail("棠下镇").ShouldBe(policy.DefaultTownshipEmail);
    }

    [Fact]
    public void Value_SettingsBound_OverridesDefaultsAndTownships()
    {
        var policy = Build(new()
        {
            ["Dispatch:Policy:MaxAge"] = "50",
            ["Dispatch:Policy:MinDaysInVillage"] = "15",
            ["Dispatch:Policy:Townships:棠下镇:Email"] = "tangxia@example.org",
            ["Dispatch:Policy:Townships:棠下镇:ManagerEmail"] = "boss@example.org",
        }).GetRequiredService<IOptions<WorkflowPolicy>>().Value;

        policy.MaxAge.ShouldBe(50);
        policy.MinDaysInVillage.ShouldBe(15);
        policy.TownshipEmail("棠下镇").ShouldBe("tangxia@example.org");
        policy.TownshipManagerEmail("棠下镇").ShouldBe("boss@example.org");
        policy.TownshipManagerEmail("荷塘镇").ShouldBe(policy.DefaultTownshipManagerEmail);
    }

    [Fact]
    public void Value_InvalidSettings_FailsListingEveryError()
    {
        var provider = Build(new()
        {
            ["Dispatch:Policy:MinWorkYears"] = "-1",
            ["Dispatch:Policy:CheckInDayOfMonth"] = "31",
            ["Dispatch:Policy:CheckInReminderDays"] = "9",
            ["Dispatch:Policy:CheckInEscalationDays"] = "8",
            ["Dispatch:Policy:CompetentThreshold"] = "95",
            ["Dispatch:Policy:HrEmail"] = "not-an-address",
            ["Dispatch:Policy:Townships:棠下镇:Email"] = "nope",
        });

        var ex = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<WorkflowPolicy>>().Value);

        ex.Failures.Count().ShouldBe(6);
        ex.Message.ShouldContain("MinWorkYears");
        ex.Message.ShouldContain("CheckInDayOfMonth");
        ex.Message.ShouldContain("CheckInEscalationDays (8) must be greater than CheckInReminderDays (9)");
        ex.Message.ShouldContain("grade thresholds must rise");
        ex.Message.ShouldContain("HrEmail");
        ex.Message.ShouldContain("Townships[棠下镇]");
    }

    [Fact]
    public void Value_AllReviewWeightsZero_Fails()
    {
        var provider = Build(new()
        {
            ["Dispatch:Policy:OrgDepartmentWeight"] = "0",
            ["Dispatch:Policy:TownshipWeight"] = "0",
            ["Dispatch:Policy:UnitWeight"] = "0",
        });

        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<WorkflowPolicy>>().Value)
            .Message.ShouldContain("review weights");
    }
}
