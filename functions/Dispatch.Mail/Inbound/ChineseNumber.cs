using System.Globalization;

namespace Dispatch.Mail.Inbound;

/// <summary>Reads numbers written with Chinese numerals (二十二, 两百, 三万五千, 一点五) and English words (twenty-two).</summary>
internal static class ChineseNumber
{
    private static readonly Dictionary<char, int> Digits = new()
    {
        ['零'] = 0, ['〇'] = 0, ['一'] = 1, ['二'] = 2, ['两'] = 2, ['三'] = 3, ['四'] = 4,
        ['五'] = 5, ['六'] = 6, ['七'] = 7, ['八'] = 8, ['九'] = 9,
    };

    private static readonly Dictionary<char, long> SmallUnits = new() { ['十'] = 10, ['百'] = 100, ['千'] = 1000 };

    private static readonly Dictionary<string, int> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zero"] = 0, ["none"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6,
        ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13,
        ["fourteen"] = 14, ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19,
        ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    };

    /// <summary>True when <paramref name="c"/> can be part of a Chinese number.</summary>
    public static bool IsNumeral(char c) => Digits.ContainsKey(c) || SmallUnits.ContainsKey(c) || c is '万' or '亿' or '点';

    /// <summary>Parses a whole Chinese numeral string; null if it is not one.</summary>
    public static decimal? Parse(string text)
    {
        if (text.Length == 0 || !text.All(IsNumeral))
        {
            return null;
        }

        var point = text.IndexOf('点', StringComparison.Ordinal);
        if (point >= 0)
        {
            var whole = point == 0 ? 0 : Parse(text[..point]);
            var frac = text[(point + 1)..];
            if (whole is null || frac.Length == 0 || !frac.All(Digits.ContainsKey))
            {
                return null;
            }

            var digits = string.Concat(frac.Select(c => Digits[c].ToString(CultureInfo.InvariantCulture)));
            return whole + decimal.Parse("0." + digits, CultureInfo.InvariantCulture);
        }

        decimal total = 0;
        decimal section = 0;
        decimal number = 0;
        var sawDigit = false;
        foreach (var c in text)
        {
            if (Digits.TryGetValue(c, out var d))
            {
                number = (number * 10) + d;
                sawDigit = true;
            }
            else if (SmallUnits.TryGetValue(c, out var unit))
            {
                section += (number == 0 && !sawDigit ? 1 : number) * unit;
                number = 0;
                sawDigit = false;
            }
            else if (c == '万')
            {
                total += (section + number) * 10_000;
                section = number = 0;
                sawDigit = false;
            }
            else if (c == '亿')
            {
                total = (total + section + number) * 100_000_000;
                section = number = 0;
                sawDigit = false;
            }
        }

        return total + section + number;
    }

    /// <summary>Parses English number words up to ninety-nine (twenty-two, twenty two); null otherwise.</summary>
    public static int? ParseWords(string text)
    {
        var parts = text.Trim().ToLowerInvariant().Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is 0 or > 2 || !parts.All(Words.ContainsKey))
        {
            return null;
        }

        return parts.Length == 1 ? Words[parts[0]] : Words[parts[0]] >= 20 && Words[parts[1]] < 10 ? Words[parts[0]] + Words[parts[1]] : null;
    }
}
