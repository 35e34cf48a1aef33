using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Merlin.Core.Executions;

namespace Merlin.Core.Json;

/// <summary>
/// An ended execution's JSON, written once: the store serializes it to save the end, and the answer to the
/// <c>?wait=true</c> request that waited for that end is the same text (an ended execution's JSON no longer changes:
/// its duration is fixed). The text lives as long as the execution object does, and no longer. It is kept in the form
/// it was first needed in — UTF-8 for SQLite and for answers, a string for PostgreSQL and its notices — and converted
/// only if the other form is asked for.
/// </summary>
public static class EndedExecutionJson
{
    private static readonly ConditionalWeakTable<Execution, Text> Texts = new();

    /// <summary>The execution's JSON (<see cref="KestraJson"/>) as a string; remembered when it has ended.</summary>
    public static string Serialize(Execution execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        if (!execution.State.IsTerminated)
        {
            return KestraJson.Serialize(execution);
        }

        var text = Texts.GetValue(execution, static _ => new Text());
        return text.Chars ??= text.Utf8 is { } utf8 ? Encoding.UTF8.GetString(utf8) : KestraJson.Serialize(execution);
    }

    /// <summary>The execution's JSON (<see cref="KestraJson"/>) as UTF-8; remembered when it has ended.</summary>
    public static byte[] SerializeToUtf8(Execution execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        if (!execution.State.IsTerminated)
        {
            return JsonSerializer.SerializeToUtf8Bytes(execution, KestraJson.Options);
        }

        var text = Texts.GetValue(execution, static _ => new Text());
        return text.Utf8 ??= text.Chars is { } chars ? Encoding.UTF8.GetBytes(chars) : JsonSerializer.SerializeToUtf8Bytes(execution, KestraJson.Options);
    }

    /// <summary>An ended execution read from <paramref name="json"/> (a store, a notification): answered with that text.</summary>
    public static Execution Remember(Execution execution, string json)
    {
        ArgumentNullException.ThrowIfNull(execution);
        if (execution.State.IsTerminated)
        {
            Texts.AddOrUpdate(execution, new Text { Chars = json });
        }

        return execution;
    }

    /// <summary>
    /// The JSON already written for this ended execution object, if any, in the form it is kept in (UTF-8 when both are):
    /// a caller that can write either need not convert it.
    /// </summary>
    public static bool TryGet(Execution execution, out byte[]? utf8, out string? chars)
    {
        (utf8, chars) = Texts.TryGetValue(execution, out var text) ? (text.Utf8, text.Utf8 is null ? text.Chars : null) : (null, null);
        return utf8 is not null || chars is not null;
    }

    /// <summary>One execution's text in either form; two threads filling the same form write equal values.</summary>
    private sealed class Text
    {
        public byte[]? Utf8 { get; set; }

        public string? Chars { get; set; }
    }
}
