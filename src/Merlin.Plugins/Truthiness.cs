namespace Merlin.Plugins;

/// <summary>Kestra's <c>TruthUtils</c>: a rendered string is true unless null, empty, <c>false</c>, <c>0</c> or <c>-0</c>.</summary>
public static class Truthiness
{
    public static bool IsTruthy(string? rendered) =>
        rendered is not null && rendered is not ("false" or "0" or "-0" or "");
}
