using System.Globalization;
using Merlin.Core.Templating.Dates;
using Merlin.Core.Templating.Evaluation;
using Merlin.Core.Templating.Values;

namespace Merlin.Core.Templating.Filters;

/// <summary>date, dateAdd, timestamp, timestampMicro, timestampNano. The server zone is UTC.</summary>
internal static class DateFilters
{
    public static void Register(Dictionary<string, TemplateFilter> filters)
    {
        filters["date"] = (input, args, _) => input is null ? null : FormatDate(Parse(input, args, 2), args.GetString(0, "format") ?? "iso", args.GetString(1, "timeZone"));
        filters["dateAdd"] = (input, args, _) => input is null ? null : DateAdd(input, args);
        filters["timestamp"] = (input, args, _) => input is null ? null : Parse(input, args, 1).ToUnixTimeSeconds();
        filters["timestampMicro"] = (input, args, _) => input is null ? null : Micro(Parse(input, args, 1)).ToString(CultureInfo.InvariantCulture);
        filters["timestampNano"] = (input, args, _) => input is null ? null : (Micro(Parse(input, args, 1)) * 1000 + Parse(input, args, 1).Ticks % 10 * 100).ToString(CultureInfo.InvariantCulture);
    }

    private static long Micro(DateTimeOffset d) => (d.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    /// <summary>Reads the input date; <c>timeZone</c> and <c>existingFormat</c> follow the positional <paramref name="zoneIndex"/>.</summary>
    private static DateTimeOffset Parse(object? input, Arguments args, int zoneIndex) =>
        DateParsing.Parse(input, args.GetString(zoneIndex + 1, "existingFormat"), DateParsing.Zone(args.GetString(zoneIndex, "timeZone")));

    public static string FormatDate(DateTimeOffset date, string format, string? timeZone)
    {
        var zone = DateParsing.Zone(timeZone);
        var local = TimeZoneInfo.ConvertTime(date, zone);
        return JavaDateFormat.Format(local, format, zone == TimeZoneInfo.Utc ? "UTC" : zone.Id);
    }

    private static string DateAdd(object? input, Arguments args)
    {
        var amount = args.GetLong(0, "amount") ?? throw new TemplateException("`dateAdd` requires an amount");
        var unit = args.RequireString(1, "unit", "dateAdd").ToUpperInvariant();
        var date = TimeZoneInfo.ConvertTime(Parse(input, args, 3), DateParsing.Zone(args.GetString(3, "timeZone")));
        var result = unit switch
        {
            "NANOS" => date.AddTicks(amount / 100),
            "MICROS" => date.AddTicks(amount * 10),
            "MILLIS" => date.AddMilliseconds(amount),
            "SECONDS" => date.AddSeconds(amount),
            "MINUTES" => date.AddMinutes(amount),
            "HOURS" => date.AddHours(amount),
            "HALF_DAYS" => date.AddHours(12 * amount),
            "DAYS" => date.AddDays(amount),
            "WEEKS" => date.AddDays(7 * amount),
            "MONTHS" => date.AddMonths((int)amount),
            "YEARS" => date.AddYears((int)amount),
            "DECADES" => date.AddYears((int)(10 * amount)),
            "CENTURIES" => date.AddYears((int)(100 * amount)),
            "MILLENNIA" => date.AddYears((int)(1000 * amount)),
            _ => throw new TemplateException($"Unknown date unit `{unit}`"),
        };
        return FormatDate(result, args.GetString(2, "format") ?? "iso", args.GetString(3, "timeZone"));
    }
}
