namespace Merlin.Core.Flows;

/// <summary>
/// Kestra's system labels (<c>system.*</c>): the server sets them, users may not. Which ones a user may still pass
/// depends on where, as in Kestra, so each place's rule is named here: a flow may carry <c>system.readOnly</c>; a new
/// execution may be given <c>system.correlationId</c>; a label change on an execution may keep the system labels it
/// already has; the Labels task may set none.
/// </summary>
public static class SystemLabels
{
    public const string Prefix = "system.";
    public const string CorrelationId = Prefix + "correlationId";
    public const string ReadOnly = Prefix + "readOnly";

    /// <summary>Kestra's refusal text, followed by the offending label.</summary>
    public const string RefusalPrefix = "System labels can only be set by Kestra itself, offending label: ";

    public static bool IsSystem(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.StartsWith(Prefix, StringComparison.Ordinal);
    }

    /// <summary>A label a flow's source may not hold (saving refuses it).</summary>
    public static bool ForbiddenOnFlow(Label label) => IsSystem(Key(label)) && label.Key != ReadOnly;

    /// <summary>A label the caller creating an execution may not pass.</summary>
    public static bool ForbiddenOnNewExecution(Label label) => IsSystem(Key(label)) && label.Key != CorrelationId;

    /// <summary>Kestra's refusal, naming the label as <c>key=value</c>.</summary>
    public static string Refusal(Label label) => $"{RefusalPrefix}{Key(label)}={label.Value}";

    private static string Key(Label label)
    {
        ArgumentNullException.ThrowIfNull(label);
        return label.Key;
    }
}
