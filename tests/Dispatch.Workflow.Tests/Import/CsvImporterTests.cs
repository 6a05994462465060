using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Import;

namespace Dispatch.Workflow.Tests.Import;

public sealed class CsvImporterTests
{
    private const string CadreHeader = "id,name,email,phone,unit,unitLevel,partyMember,birthDate,workStartDate,education,rank,skills,homeTownship,ruralExperienceYears,healthFit";

    [Fact]
    public void ReadVillages_ValidFile_ReturnsEveryVillage()
    {
        var csv = """
            id,name,township,kind,categories,needs,currentSecretaryCadreId
            v1,禾冈村,棠下镇,village,formerly_poor_village;weak_party_org_village,industry;governance,c9
            v2,石冲社区,环市街道,community,,elderly,
            """;

        var result = CsvImporter.ReadVillages(new StringReader(csv));

        result.Errors.ShouldBeEmpty();
        result.Items.Count.ShouldBe(2);
        result.Items[0].Categories.ShouldBe([VillageCategories.FormerlyPoorVillage, VillageCategories.WeakPartyOrgVillage]);
        result.Items[0].Needs.ShouldBe(["industry", "governance"]);
        result.Items[0].CurrentSecretaryCadreId.ShouldBe("c9");
        result.Items[1].Kind.ShouldBe(VillageKind.Community);
        result.Items[1].CurrentSecretaryCadreId.ShouldBeNull();
    }

    [Fact]
    public void ReadCadres_ValidFile_ParsesTypesAndDefaults()
    {
        var csv = $"""
            {CadreHeader}
            c1,李明,li@example.org,13800000000,water,county,true,1988-03-04,2012-07-01,本科,副科级,water;industry,棠下镇,3,
            """;

        var result = CsvImporter.ReadCadres(new StringReader(csv));

        result.Errors.ShouldBeEmpty();
        var cadre = result.Items.ShouldHaveSingleItem();
        cadre.BirthDate.ShouldBe(new DateOnly(1988, 3, 4));
        cadre.UnitLevel.ShouldBe(UnitLevel.County);
        cadre.Skills.ShouldBe(["water", "industry"]);
        cadre.RuralExperienceYears.ShouldBe(3);
        cadre.HealthFit.ShouldBeTrue();
        cadre.PartyMember.ShouldBeTrue();
    }

    [Fact]
    public void ReadCadres_BrokenRows_ReportsLineAndFieldAndImportsNothing()
    {
        var csv = $"""
            {CadreHeader}
            c1,李明,li@example.org,,water,county,true,1988-03-04,2012-07-01,,,,,,
            c2,王芳,wang-at-example,,water,planet,maybe,1990-13-01,2015-01-01,,,,,-2,
            c1,赵强,zhao@example.org,,water,,false,1985-01-01,2008-01-01,,,,,,
            """;

        var result = CsvImporter.ReadCadres(new StringReader(csv));

        result.Succeeded.ShouldBeFalse();
        result.Items.ShouldBeEmpty();
        result.Errors.ShouldContain(e => e.Line == 3 && e.Field == "email");
        result.Errors.ShouldContain(e => e.Line == 3 && e.Field == "unitLevel");
        result.Errors.ShouldContain(e => e.Line == 3 && e.Field == "partyMember");
        result.Errors.ShouldContain(e => e.Line == 3 && e.Field == "birthDate" && e.Message.Contains("yyyy-MM-dd"));
        result.Errors.ShouldContain(e => e.Line == 3 && e.Field == "ruralExperienceYears");
        result.Errors.ShouldContain(e => e.Line == 4 && e.Field == "id" && e.Message.Contains("line 2"));
        result.Errors.Count(e => e.Line == 3 && e.Field == "birthDate").ShouldBe(1);
        result.ToDictionary().Keys.ShouldContain("line 3: email");
    }

    [Fact]
    public void ReadVillages_UnknownCategoryAndMissingColumn_Reported()
    {
        var bad = CsvImporter.ReadVillages(new StringReader("id,name,kind\nv1,a,village\n"));
        bad.Errors.ShouldHaveSingleItem().ShouldBe(new CsvRowError(1, "township", "required column is missing"));

        var category = CsvImporter.ReadVillages(new StringReader("id,name,township,categories\nv1,a,t,rich_village\nv 2,b,t,\n"));
        category.Items.ShouldBeEmpty();
        category.Errors.ShouldContain(e => e.Line == 2 && e.Field == "categories[0]");
        category.Errors.ShouldContain(e => e.Line == 3 && e.Field == "id");
    }

    [Fact]
    public void ReadVillages_UnknownColumnOrEmptyFile_Reported()
    {
        CsvImporter.ReadVillages(new StringReader("id,name,township,colour\n")).Errors
            .ShouldHaveSingleItem().Field.ShouldBe("colour");
        CsvImporter.ReadVillages(new StringReader(string.Empty)).Errors
            .ShouldHaveSingleItem().Field.ShouldBe("(header)");
    }

    [Fact]
    public void ReadVillages_QuotedMultilineAndTooManyFields_LinesStayRight()
    {
        var csv = "id,name,township\nv1,\"禾冈\n村\",t\nv2,b,t,extra\n";

        var result = CsvImporter.ReadVillages(new StringReader(csv));

        result.Errors.ShouldHaveSingleItem().Line.ShouldBe(4);
    }
}
