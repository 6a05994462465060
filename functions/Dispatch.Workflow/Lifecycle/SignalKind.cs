namespace Dispatch.Workflow.Lifecycle;

/// <summary>What a signal to an assignment orchestration carries.</summary>
internal enum SignalKind
{
    SelectionDecided,
    HandoverResponse,
    HandoverListSubmitted,
    HandoverListReviewed,
    CheckInAnswered,
    ReviewFormSubmitted,
    TermDecided,
    Recall,
    SuccessorHandoverCompleted,
}
