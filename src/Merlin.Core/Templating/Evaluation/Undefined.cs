namespace Merlin.Core.Templating.Evaluation;

/// <summary>The value of a missing variable or attribute; consuming it (anything but <c>is defined</c>, <c>default</c>, <c>??</c>, <c>???</c>) fails.</summary>
internal sealed class Undefined(string name)
{
    public string Name { get; } = name;
}
