using Dispatch.Mail;

namespace Dispatch.Functions.Forms;

/// <summary>The forms' words in both languages.</summary>
internal static class FormText
{
    private static readonly Dictionary<string, (string Zh, string En)> Texts = new(StringComparer.Ordinal)
    {
        ["checkin.title"] = ("月度工作报告", "Monthly check-in"),
        ["checkin.intro"] = ("请如实填写本月驻村工作情况。已知信息已预先填好，可修改。", "Please report this month's work in the village. Known values are filled in; change them if needed."),
        ["checkin.late"] = ("本月报告已截止，现在提交将记为逾期提交。", "This month has closed; an answer now is recorded as late."),
        ["checkin.submit"] = ("提交报告", "Submit"),
        ["checkin.done.title"] = ("报告已提交", "Check-in recorded"),
        ["checkin.done.body"] = ("感谢您！本月工作报告已记录。", "Thank you. Your check-in for this month has been recorded."),
        ["checkin.used.title"] = ("本月报告已提交", "Already submitted"),
        ["checkin.used.body"] = ("此链接对应的报告已经提交过，无需重复提交。如需更正，请联系乡镇组织委员。", "This check-in was already answered; there is nothing more to do. To correct it, contact the township."),
        ["field.village"] = ("驻点村", "Village"),
        ["field.secretary"] = ("第一书记", "First secretary"),
        ["field.period"] = ("月份", "Month"),
        ["errors.summary"] = ("有几项需要修改，请查看标红的字段。", "Some answers need a correction; see the fields marked in red."),
        ["error.integer"] = ("请填写整数（可用全角数字）。", "Enter a whole number."),
        ["error.amount"] = ("请填写金额（元），如 12000 或 1.5万。", "Enter an amount in yuan, e.g. 12000."),
        ["error.required"] = ("此项必填。", "This field is required."),
        ["error.range.days"] = ("应在 0 到 31 之间，且驻村天数与请假天数之和不超过 31。", "Must be 0 to 31, and days in the village plus leave days at most 31."),
        ["error.range.count"] = ("应为不小于 0 的合理数字。", "Must be 0 or more, within a sensible range."),
        ["error.range.funds"] = ("金额应在 0 到 1000 亿元之间。", "Must be between 0 and 100,000,000,000 yuan."),
        ["error.length"] = ("不超过 4000 字。", "At most 4,000 characters."),
        ["error.antiforgery"] = ("页面已过期，请重新提交。", "The page expired; please submit again."),
        ["token.invalid.title"] = ("链接无效", "This link is not valid"),
        ["token.invalid.body"] = ("此链接无法识别，可能不完整或已被修改。请从邮件中重新打开完整链接。", "This link cannot be recognised; it may be incomplete or altered. Open the full link from your email again."),
        ["token.expired.title"] = ("链接已过期", "This link has expired"),
        ["token.expired.body"] = ("此链接已过有效期。请联系县委组织部获取新的链接。", "This link is past its expiry date. Ask the organization department for a new one."),
        ["token.unknown.title"] = ("未找到记录", "Nothing found"),
        ["token.unknown.body"] = ("此链接对应的记录不存在或已被撤销。", "The record this link points to does not exist or was withdrawn."),
        ["hint.days"] = ("本月实际在村天数", "Days actually spent in the village this month"),
        ["hint.funds"] = ("单位：元", "In yuan"),
    };

    /// <summary>Returns the text of <paramref name="key"/> in <paramref name="language"/>.</summary>
    public static string Get(string key, NoticeLanguage language) =>
        Texts.TryGetValue(key, out var text)
            ? language == NoticeLanguage.En ? text.En : text.Zh
            : throw new ArgumentException($"No form text '{key}'.", nameof(key));
}
