namespace Merlin.Core.Templating.Syntax;

/// <summary>A template parsed once: its nodes, and its lone expression when it is exactly <c>{{ expr }}</c>.</summary>
internal sealed record ParsedTemplate(string Source, IReadOnlyList<Node> Nodes, OutputNode? SingleExpression);
