namespace Dispatch.Functions.Forms;

/// <summary>What the check-ins of a review period say, shown to reviewers and drafted into the self-report.</summary>
/// <param name="Months">Check-ins requested in the period.</param>
/// <param name="Answered">Answered on time.</param>
/// <param name="Late">Answered late.</param>
/// <param name="Missed">Never answered.</param>
/// <param name="LowAttendance">Months below the minimum days in the village.</param>
/// <param name="DaysInVillage">Days in the village, summed over the answers.</param>
/// <param name="HouseholdsVisited">Households visited, summed.</param>
/// <param name="ProblemsSolved">Problems solved, summed.</param>
/// <param name="FundsSecuredYuan">Funds secured in yuan, summed.</param>
/// <param name="ProjectsAdvanced">Projects advanced, summed.</param>
/// <param name="Highlights">The months' highlights, oldest first, blanks left out.</param>
internal sealed record ReviewPeriodFacts(
    int Months,
    int Answered,
    int Late,
    int Missed,
    int LowAttendance,
    int DaysInVillage,
    int HouseholdsVisited,
    int ProblemsSolved,
    decimal FundsSecuredYuan,
    int ProjectsAdvanced,
    IReadOnlyList<string> Highlights);
