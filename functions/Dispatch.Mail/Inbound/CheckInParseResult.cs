namespace Dispatch.Mail.Inbound;

/// <summary>What <see cref="CheckInReplyParser"/> read from a reply.</summary>
/// <param name="Answer">The whole answer when every number was read and the answer is valid; otherwise null.</param>
/// <param name="Values">Every field read, by <see cref="CheckInFields"/> name, as normalized text (numbers invariant); use it to pre-fill the form.</param>
/// <param name="Problems">Field name → why it could not be used (missing, unreadable, out of range); empty when <paramref name="Answer"/> is set.</param>
public sealed record CheckInParseResult(CheckInAnswer? Answer, IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string> Problems);
