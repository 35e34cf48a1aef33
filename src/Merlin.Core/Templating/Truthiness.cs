namespace Merlin.Core.Templating;

/// <summary>Kestra's truthiness of a rendered string (If, runIf, Fail condition...).</summary>
public static class Truthiness
{
    /// <summary>False only for exactly <c>false</c>, <c>0</c>, <c>-0</c> or the empty string.</summary>
    public static bool IsTruthy(string rendered) =>
        rendered is not (null or "" or "false" or "0" or "-0");
}
