using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Merlin.Core.Flows;
using Merlin.Core.Flows.Yaml;
using Merlin.Core.Json;
using Merlin.Core.Limits;

namespace Merlin.Core.Inputs;

/// <summary>Parses and checks one raw value against its input type (Kestra's per-type rules).</summary>
public static partial class InputParser
{
    /// <summary>Inputs are typed where no settings reach (a static parser); the default limits apply. Never changed.</summary>
    private static readonly LimitOptions DefaultLimits = new();

    public static object? Parse(InputDefinition input, InputType type, object? raw)
    {
        var text = raw as string;
        switch (type)
        {
            case InputType.STRING or InputType.SECRET:
                var s = Text(raw);
                if (input.Validator is { } pattern && !Regex.IsMatch(s, "^(?:" + pattern + ")$"))
                {
                    throw new InputException(input.Id, $"it must match the pattern `{pattern}`");
                }

                return s;
            case InputType.ENUM or InputType.SELECT:
                var choice = Text(raw);
                var allowed = input.Values ?? input.Options ?? [];
                if (input.Required && !input.AllowCustomValue && allowed.Count > 0 && !allowed.Contains(choice))
                {
                    throw new InputException(input.Id, $"it must match the values `[{string.Join(", ", allowed)}]`");
                }

                return choice;
            case InputType.MULTISELECT:
                var chosen = List(input, raw).Select(Text).ToList();
                var options = input.Values ?? input.Options ?? [];
                if (!input.AllowCustomValue && options.Count > 0 && chosen.FirstOrDefault(c => !options.Contains(c)) is { } bad)
                {
                    throw new InputException(input.Id, $"value `{bad}` doesn't match the values `[{string.Join(", ", options)}]`");
                }

                return chosen.Cast<object?>().ToList();
            case InputType.INT:
                var i = raw switch
                {
                    long l => l,
                    int n => n,
                    string t when long.TryParse(t.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) => p,
                    _ => throw new InputException(input.Id, $"it must be an integer, got `{raw}`"),
                };
                CheckRange(input, i, Number(input.Min), Number(input.Max));
                return i;
            case InputType.FLOAT:
                var f = raw switch
                {
                    double d => d,
                    long l => l,
                    string t when double.TryParse(t.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var p) => p,
                    _ => throw new InputException(input.Id, $"it must be a number, got `{raw}`"),
                };
                CheckRange(input, f, Number(input.Min), Number(input.Max));
                return f;
            case InputType.BOOLEAN or InputType.BOOL:
                return raw is bool b ? b : string.Equals(Text(raw).Trim(), "true", StringComparison.OrdinalIgnoreCase);
            case InputType.DATETIME:
                var instant = raw is DateTimeOffset dto ? dto : ParseDate(input, text, s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
                CheckDates(input, instant.UtcDateTime, s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture).UtcDateTime);
                return Merlin.Sdk.Values.InstantConverter.Format(instant);
            case InputType.DATE:
                var date = ParseDate(input, Text(raw), s => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture));
                CheckDates(input, date, s => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture));
                return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            case InputType.TIME:
                var time = ParseDate(input, Text(raw), s => TimeOnly.Parse(s, CultureInfo.InvariantCulture));
                CheckDates(input, time, s => TimeOnly.Parse(s, CultureInfo.InvariantCulture));
                return time.ToString(time.Second == 0 && time.Millisecond == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture);
            case InputType.DURATION:
                var duration = ParseDate(input, Text(raw), IsoDuration.Parse);
                CheckRange(input, duration, input.Min is string min ? IsoDuration.Parse(min) : null, input.Max is string max ? IsoDuration.Parse(max) : null);
                return Text(raw);
            case InputType.FILE:
                var uri = Text(raw);
                return uri.StartsWith("kestra://", StringComparison.Ordinal) ? uri : throw new InputException(input.Id, "it must be an uploaded file or a kestra:/// URI");
            case InputType.JSON:
                return raw is string json ? ParseJson(input, json) : raw;
            case InputType.YAML:
                return raw is string yaml ? ParseYaml(input, yaml) : raw;
            case InputType.URI:
                var u = Text(raw);
                return UriPattern().IsMatch(u) ? u : throw new InputException(input.Id, $"it must be a valid URI, got `{u}`");
            case InputType.EMAIL:
                var email = Text(raw);
                return email.Length == 0 || EmailPattern().IsMatch(email) ? email : throw new InputException(input.Id, $"it must be a valid email, got `{email}`");
            case InputType.ARRAY:
                var itemType = input.ItemType ?? InputType.STRING;
                return List(input, raw).Select(item => Parse(input, itemType, item is string or null ? item : item)).ToList();
            default:
                throw new InputException(input.Id, $"unsupported type {type}");
        }
    }

    private static string Text(object? raw) => raw switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        IReadOnlyDictionary<string, object?> or IReadOnlyList<object?> => KestraJson.Serialize(raw),
        _ => Convert.ToString(raw, CultureInfo.InvariantCulture) ?? "",
    };

    private static List<object?> List(InputDefinition input, object? raw) => raw switch
    {
        IEnumerable<object?> list when raw is not string => list.ToList(),
        string s when s.TrimStart().StartsWith('[') => ParseJson(input, s) as List<object?> ?? throw new InputException(input.Id, "it must be a JSON array"),
        string s => [s],
        _ => throw new InputException(input.Id, "it must be a list"),
    };

    private static object? ParseJson(InputDefinition input, string json)
    {
        try
        {
            return PlainValueConverter.FromElement(JsonDocument.Parse(json).RootElement);
        }
        catch (JsonException e)
        {
            throw new InputException(input.Id, "it must be valid JSON: " + e.Message);
        }
    }

    private static object? ParseYaml(InputDefinition input, string yaml)
    {
        try
        {
            var stream = YamlLoader.Load(yaml, DefaultLimits);
            return stream.Documents.Count == 0 ? null : YamlValues.ToPlain(stream.Documents[0].RootNode);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new InputException(input.Id, "it must be valid YAML: " + e.Message);
        }
        catch (YamlLimitException e)
        {
            throw new InputException(input.Id, e.Message);
        }
    }

    private static T ParseDate<T>(InputDefinition input, string? text, Func<string, T> parse)
    {
        try
        {
            return parse((text ?? "").Trim());
        }
        catch (FormatException)
        {
            throw new InputException(input.Id, $"`{text}` is not a valid {input.Type}");
        }
    }

    private static void CheckDates<T>(InputDefinition input, T value, Func<string, T> parse) where T : IComparable<T>
    {
        if (input.After is { } after && value.CompareTo(parse(after)) <= 0)
        {
            throw new InputException(input.Id, $"it must be after `{after}`");
        }

        if (input.Before is { } before && value.CompareTo(parse(before)) >= 0)
        {
            throw new InputException(input.Id, $"it must be before `{before}`");
        }
    }

    private static void CheckRange<T>(InputDefinition input, T value, T? min, T? max) where T : struct, IComparable<T>
    {
        if (min is { } lo && value.CompareTo(lo) < 0)
        {
            throw new InputException(input.Id, $"it must be greater than or equal to `{input.Min}`");
        }

        if (max is { } hi && value.CompareTo(hi) > 0)
        {
            throw new InputException(input.Id, $"it must be lower than or equal to `{input.Max}`");
        }
    }

    private static double? Number(object? value) => value switch
    {
        long l => l,
        double d => d,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) => p,
        _ => null,
    };

    [GeneratedRegex(@"^[a-z][a-z0-9+.-]*://\S+$", RegexOptions.IgnoreCase)]
    private static partial Regex UriPattern();

    [GeneratedRegex("^[a-zA-Z0-9_!#$%&*+/=?`{}~^.|\u2019-]+@[a-zA-Z0-9.-]+$")]
    private static partial Regex EmailPattern();
}
