using System.Globalization;
using Dispatch.Tables.Internal;

namespace Dispatch.Tables;

/// <content>The OData filter builder.</content>
public partial class TableClient
{
    /// <summary>
    /// Builds an OData filter from an interpolated string, turning every interpolated value into a literal
    /// of its Edm type: strings quoted with single quotes doubled, <c>datetime'…'</c>, <c>guid'…'</c>,
    /// <c>123L</c> for Int64, <c>X'0a0b'</c> for binary, <c>true</c>/<c>false</c>, <c>null</c>. For example
    /// <c>CreateQueryFilter($"PartitionKey eq {pk} and Due lt {now}")</c>.
    /// </summary>
    /// <param name="filter">The interpolated filter.</param>
    /// <returns>The filter text, safe to pass to <see cref="QueryAsync{T}"/>.</returns>
    public static string CreateQueryFilter(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var args = filter.GetArguments();
        var literals = new object?[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            literals[i] = ODataLiteral.Format(args[i]);
        }

        return string.Format(CultureInfo.InvariantCulture, filter.Format, literals);
    }
}
