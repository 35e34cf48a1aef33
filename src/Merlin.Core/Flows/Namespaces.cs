namespace Merlin.Core.Flows;

/// <summary>
/// Kestra's namespace filter for searches and listings (flows, triggers, executions): a namespace covers itself and
/// its children, segment by segment (<c>company</c> covers <c>company.team</c>, not <c>companyx</c>). Flow trigger
/// conditions (<c>FlowNamespaceCondition</c>, <c>ExecutionNamespaceCondition</c> PREFIX) deliberately use Kestra's
/// other rule, a plain string prefix, in <c>Conditions/ConditionEvaluator</c>.
/// </summary>
public static class Namespaces
{
    /// <summary>Whether <paramref name="namespace"/> is <paramref name="scope"/> or one of its children.</summary>
    public static bool Covers(string scope, string @namespace)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(@namespace);
        return @namespace.StartsWith(scope, StringComparison.Ordinal)
            && (@namespace.Length == scope.Length || @namespace[scope.Length] == '.');
    }

    /// <summary>
    /// The children of <paramref name="scope"/> as a half-open ordinal range, for an indexed query: '/' follows '.',
    /// so <c>[scope + '.', scope + '/')</c> holds exactly the names that start with <c>scope.</c>.
    /// </summary>
    public static (string From, string To) ChildRange(string scope) => (scope + ".", scope + "/");
}
