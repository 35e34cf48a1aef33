namespace Merlin.Sdk.Values;

/// <summary>
/// Kestra's truth of a rendered string. Kestra has two rules and applies them in different places, so both live
/// here, side by side: <see cref="IsTruthy"/> (its <c>TruthUtils</c>: If, runIf, WaitFor, Loop, SLA assertions,
/// the Fail task, precondition filters) and <see cref="IsExpressionTrue"/> (its <c>ExpressionCondition</c>).
/// A value inside a template (<c>{% if %}</c>, <c>and</c>, <c>not</c>) follows Pebble's rule instead
/// (<c>Evaluation.Operators.IsTrue</c>), which sees typed values rather than text.
/// </summary>
public static class Truthiness
{
    /// <summary>False only for null or exactly <c>false</c>, <c>0</c>, <c>-0</c> or the empty string.</summary>
    public static bool IsTruthy(string? rendered) =>
        rendered is not (null or "" or "false" or "0" or "-0");

    /// <summary>Kestra's <c>ExpressionCondition</c>: false only when the rendering is blank or <c>false</c> (trimmed); <c>0</c> is true.</summary>
    public static bool IsExpressionTrue(string rendered)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        var text = rendered.AsSpan().Trim();
        return text.Length > 0 && !text.SequenceEqual("false");
    }
}
