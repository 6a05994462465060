using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Policy;
using Dispatch.Workflow.Selection;

namespace Dispatch.Workflow.Tests.Selection;

public sealed class CandidateEvaluatorTests
{
    private static readonly WorkflowPolicy Policy = new();

    [Fact]
    public void Evaluate_BreaksEveryHardRule_ListsEachFailure()
    {
        var facts = new SelectionFacts { AsOf = Samples.RoundStart, Taken = new Dictionary<string, string> { ["c1"] = "r1.v9" } };
        var cadre = Samples.Cadre("c1") with
        {
            PartyMember = false,
            BirthDate = new DateOnly(1970, 1, 1),
            WorkStartDate = new DateOnly(2025, 1, 1),
            HealthFit = false,
        };

        var evaluation = new CandidateEvaluator(Policy, facts).Evaluate(Samples.Village("v1"), cadre);

        evaluation.Eligible.ShouldBeFalse();
        evaluation.Failures.Select(f => f.Code).ShouldBe(["not_party_member", "insufficient_work_years", "over_age_limit", "not_health_fit", "already_taken"]);
    }

    [Fact]
    public void Evaluate_TakenByTheSameAssignment_StaysEligible()
    {
        var facts = new SelectionFacts { AsOf = Samples.RoundStart, Taken = new Dictionary<string, string> { ["c1"] = "r1.v1" } };

        new CandidateEvaluator(Policy, facts).Evaluate(Samples.Village("v1"), Samples.Cadre("c1"), "r1.v1").Eligible.ShouldBeTrue();
    }

    [Fact]
    public void Evaluate_WarningsAndScore_CarryReasons()
    {
        var facts = new SelectionFacts
        {
            AsOf = Samples.RoundStart,
            PastVillages = new Dictionary<string, IReadOnlySet<string>> { ["c1"] = new HashSet<string> { "v1" } },
            PastGrades = new Dictionary<string, IReadOnlyList<Grade>> { ["c1"] = [Grade.Excellent] },
            Units = new Dictionary<string, DispatchingUnit>
            {
                ["water"] = new() { Id = "water", Name = "区水利局", Level = UnitLevel.County, Sector = "water", RegulatedTownships = ["棠下镇"] },
            },
        };
        var cadre = Samples.Cadre("c1", "water", "industry") with { HomeTownship = "棠下镇", RuralExperienceYears = 10 };

        var evaluation = new CandidateEvaluator(Policy, facts).Evaluate(Samples.Village("v1", "棠下镇", "water", "industry", "elderly"), cadre);

        evaluation.Eligible.ShouldBeTrue();
        evaluation.Warnings.Select(w => w.Code).ShouldBe(["home_township", "unit_regulates_village", "repeat_posting"]);
        evaluation.Parts.Single(p => p.Criterion == "needSkillMatch").Points.ShouldBe(20);
        evaluation.Parts.Single(p => p.Criterion == "ruralExperience").Points.ShouldBe(10);
        evaluation.Parts.Single(p => p.Criterion == "unitResources").Points.ShouldBe(4 + 5);
        evaluation.Parts.Single(p => p.Criterion == "pastGrades").Points.ShouldBe(8);
        evaluation.Parts.Single(p => p.Criterion == "warnings").Points.ShouldBe(-60);
        evaluation.Score.ShouldBe(20 + 10 + 9 + 8 - 60);
        evaluation.Parts.ShouldAllBe(p => p.Reason.Length > 0);
    }

    [Fact]
    public void ProposeRound_ConflictingPreferences_MaximizesTotalNotGreedy()
    {
        var facts = new SelectionFacts { AsOf = Samples.RoundStart };
        var matcher = new RoundMatcher(Policy, facts);
        Village[] villages = [Samples.Village("v1", "t", "water", "roads"), Samples.Village("v2", "t", "water", "health")];
        Cadre[] cadres = [Samples.Cadre("a", "water", "roads", "health"), Samples.Cadre("b", "roads"), Samples.Cadre("young", "water", "health") with { WorkStartDate = new DateOnly(2025, 1, 1) }];

        // Greedy, village by village, gives v1 "a" (20) and leaves v2 with "b" (0); the optimum is v1 ← b (10), v2 ← a (20).
        var proposals = matcher.ProposeRound(villages, cadres);

        proposals.Select(p => p.CadreId).ShouldBe(["b", "a"]);
        proposals.Sum(p => p.Evaluation!.Score).ShouldBe(30 + 8);
        proposals.Select(p => p.CadreId).Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public void ProposeOne_ExcludedAndTaken_PicksNextBest()
    {
        var facts = new SelectionFacts { AsOf = Samples.RoundStart, Taken = new Dictionary<string, string> { ["a"] = "r1.v2" } };
        var matcher = new RoundMatcher(Policy, facts);
        Cadre[] cadres = [Samples.Cadre("a", "water"), Samples.Cadre("b", "water"), Samples.Cadre("c")];

        var proposal = matcher.ProposeOne(Samples.Village("v1", "t", "water"), cadres, "r1.v1", new HashSet<string> { "b" });

        proposal.CadreId.ShouldBe("c");
        matcher.ProposeOne(Samples.Village("v1", "t", "water"), [Samples.Cadre("a")], "r1.v1").CadreId.ShouldBeNull();
    }
}
