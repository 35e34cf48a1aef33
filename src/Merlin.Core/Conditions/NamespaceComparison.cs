namespace Merlin.Core.Conditions;

public enum NamespaceComparison
{
    EQUALS,
    PREFIX,
    SUFFIX,
}
