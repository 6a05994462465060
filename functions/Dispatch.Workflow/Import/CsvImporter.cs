using System.Globalization;
using CsvHelper;
using Dispatch.Workflow.Domain;

namespace Dispatch.Workflow.Import;

/// <summary>
/// Reads villages and cadres from CSV (headers are the JSON names of issue 6; lists separated by
/// <c>;</c>; dates <c>yyyy-MM-dd</c>). Every row is checked; one bad row means nothing is returned.
/// </summary>
public static class CsvImporter
{
    /// <summary>The largest file accepted, in rows.</summary>
    public const int MaxRows = 100_000;

    private static readonly string[] VillageColumns = ["id", "name", "township", "kind", "categories", "needs", "currentSecretaryCadreId"];
    private static readonly string[] VillageRequired = ["id", "name", "township"];
    private static readonly string[] CadreColumns =
    [
        "id", "name", "email", "phone", "unit", "unitLevel", "partyMember", "birthDate", "workStartDate", "education",
        "rank", "skills", "homeTownship", "ruralExperienceYears", "healthFit",
    ];

    private static readonly string[] CadreRequired = ["id", "name", "email", "unit", "partyMember", "birthDate", "workStartDate"];

    /// <summary>Parses villages from <paramref name="reader"/>.</summary>
    public static CsvImportResult<Village> ReadVillages(TextReader reader) =>
        Read(reader, VillageColumns, VillageRequired, ParseVillage);

    /// <summary>Parses cadres from <paramref name="reader"/>.</summary>
    public static CsvImportResult<Cadre> ReadCadres(TextReader reader) =>
        Read(reader, CadreColumns, CadreRequired, ParseCadre);

    private static CsvImportResult<T> Read<T>(TextReader reader, string[] columns, string[] required, Func<Row, T?> parse)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(reader);
        var errors = new List<CsvRowError>();
        var items = new List<T>();
        var options = new CsvReaderOptions
        {
            HasHeader = true,
            TrackLineNumbers = true,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            MalformedData = CsvMalformedDataHandling.Recover,
            OnMalformedRecord = bad => errors.Add(new CsvRowError((int)bad.LineNumber, "(row)", $"is not valid CSV ({bad.Reason})")),
        };
        try
        {
            using var csv = CsvReader.Create(reader, options, true);
            if (csv.Headers is not { Count: > 0 } header)
            {
                errors.Add(new CsvRowError(1, "(header)", $"the file is empty; the first line must name the columns: {string.Join(",", columns)}"));
                return new CsvImportResult<T>(items, errors);
            }

            var known = new HashSet<string>(columns, StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var h in header)
            {
                if (!known.Contains(h))
                {
                    errors.Add(new CsvRowError(1, h, $"unknown column; known columns: {string.Join(",", columns)}"));
                }
                else if (!seen.Add(h))
                {
                    errors.Add(new CsvRowError(1, h, "column appears twice"));
                }
            }

            foreach (var r in required.Where(r => !seen.Contains(r)))
            {
                errors.Add(new CsvRowError(1, r, "required column is missing"));
            }

            if (errors.Count > 0)
            {
                return new CsvImportResult<T>(items, errors);
            }

            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            var rows = 0;
            while (csv.Read())
            {
                var line = (int)csv.LineNumber;
                if (++rows > MaxRows)
                {
                    errors.Add(new CsvRowError(line, "(row)", $"the file has more than {MaxRows} rows; split it"));
                    break;
                }

                if (csv.FieldCount > header.Count)
                {
                    errors.Add(new CsvRowError(line, "(row)", $"has {csv.FieldCount} fields but the header names {header.Count}"));
                    continue;
                }

                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < header.Count; i++)
                {
                    values[header[i]] = i < csv.FieldCount ? csv.GetString(i) ?? string.Empty : string.Empty;
                }

                var row = new Row(line, values, errors);
                var before = errors.Count;
                var item = parse(row);
                if (item is null || errors.Count > before)
                {
                    continue;
                }

                var id = values["id"];
                if (ids.TryGetValue(id, out var firstLine))
                {
                    errors.Add(new CsvRowError(line, "id", $"'{id}' already appears on line {firstLine}"));
                    continue;
                }

                ids[id] = line;
                items.Add(item);
            }
        }
        catch (CsvFormatException ex)
        {
            errors.Add(new CsvRowError(0, "(file)", $"the file is not valid CSV: {ex.Message}"));
        }

        return new CsvImportResult<T>(items, errors);
    }

    private static Village? ParseVillage(Row row)
    {
        var kind = row.Optional("kind") switch
        {
            null or "village" => VillageKind.Village,
            "community" => VillageKind.Community,
            var other => row.Fail<VillageKind>("kind", $"'{other}' is not 'village' or 'community'"),
        };
        var village = new Village
        {
            Id = row.Text("id"),
            Name = row.Text("name"),
            Township = row.Text("township"),
            Kind = kind,
            Categories = row.List("categories"),
            Needs = row.List("needs"),
            CurrentSecretaryCadreId = row.Optional("currentSecretaryCadreId"),
        };
        row.AddAll(village.Validate());
        return village;
    }

    private static Cadre? ParseCadre(Row row)
    {
        UnitLevel? level = row.Optional("unitLevel") switch
        {
            null => null,
            "city" => UnitLevel.City,
            "county" => UnitLevel.County,
            "township" => UnitLevel.Township,
            var other => row.Fail<UnitLevel?>("unitLevel", $"'{other}' is not 'city', 'county' or 'township'"),
        };
        var cadre = new Cadre
        {
            Id = row.Text("id"),
            Name = row.Text("name"),
            Email = row.Text("email"),
            Phone = row.Optional("phone"),
            Unit = row.Text("unit"),
            UnitLevel = level,
            PartyMember = row.Bool("partyMember") ?? false,
            BirthDate = row.Date("birthDate"),
            WorkStartDate = row.Date("workStartDate"),
            Education = row.Optional("education"),
            Rank = row.Optional("rank"),
            Skills = row.List("skills"),
            HomeTownship = row.Optional("homeTownship"),
            RuralExperienceYears = row.Int("ruralExperienceYears"),
            HealthFit = row.Bool("healthFit") ?? true,
        };
        var problems = cadre.Validate();

        // A date that failed to parse was already reported; do not report it again as "required".
        foreach (var field in problems.Fields.ToList())
        {
            if (!row.HasError(field))
            {
                foreach (var message in problems.For(field))
                {
                    row.Error(field, message);
                }
            }
        }

        return cadre;
    }

    private sealed class Row(int line, Dictionary<string, string> values, List<CsvRowError> errors)
    {
        private readonly HashSet<string> _failed = new(StringComparer.Ordinal);

        public string Text(string field) => values.TryGetValue(field, out var v) ? v : string.Empty;

        public string? Optional(string field) => values.TryGetValue(field, out var v) && v.Length > 0 ? v : null;

        public IReadOnlyList<string> List(string field) =>
            Optional(field)?.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];

        public DateOnly Date(string field)
        {
            var v = Optional(field);
            if (v is null)
            {
                return default;
            }

            if (DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            Error(field, $"'{v}' is not a date in the form yyyy-MM-dd");
            return default;
        }

        public int? Int(string field)
        {
            var v = Optional(field);
            if (v is null)
            {
                return null;
            }

            if (int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            {
                return n;
            }

            Error(field, $"'{v}' is not a whole number");
            return null;
        }

        public bool? Bool(string field)
        {
            var v = Optional(field);
            switch (v?.ToUpperInvariant())
            {
                case null:
                    return null;
                case "TRUE" or "YES" or "1" or "是":
                    return true;
                case "FALSE" or "NO" or "0" or "否":
                    return false;
                default:
                    Error(field, $"'{v}' is not true or false");
                    return null;
            }
        }

        public T Fail<T>(string field, string message)
        {
            Error(field, message);
            return default!;
        }

        public bool HasError(string field) => _failed.Contains(field);

        public void Error(string field, string message)
        {
            _failed.Add(field);
            errors.Add(new CsvRowError(line, field, message));
        }

        public void AddAll(ValidationErrors problems)
        {
            foreach (var field in problems.Fields.ToList())
            {
                if (HasError(field))
                {
                    continue;
                }

                foreach (var message in problems.For(field))
                {
                    Error(field, message);
                }
            }
        }
    }
}
