using System.Text.Json;
using System.Text.Json.Serialization;

namespace Merlin.Server.Cli;

/// <summary>Prints results as a table (aligned columns) or as indented JSON, as <c>--output</c> asks.</summary>
internal static class CliOutput
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Json));

    /// <summary>Prints <paramref name="rows"/> under <paramref name="headers"/>, or the items as JSON.</summary>
    public static void Write<T>(OutputFormat format, IReadOnlyList<T> items, string[] headers, Func<T, string?[]> row)
    {
        if (format == OutputFormat.Json)
        {
            WriteJson(items);
            return;
        }

        var rows = items.Select(i => row(i).Select(c => c ?? "").ToArray()).ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        Console.Out.WriteLine(Line(headers, widths));
        foreach (var cells in rows)
        {
            Console.Out.WriteLine(Line(cells, widths));
        }
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
}
