namespace Merlin.Core.Templating.Syntax;

/// <summary>A statement node of a parsed template.</summary>
internal abstract record Node(int Line);

internal sealed record TextNode(string Text) : Node(0);

internal sealed record OutputNode(Expr Expression, int Line) : Node(Line);

internal sealed record IfNode(IReadOnlyList<(Expr Condition, IReadOnlyList<Node> Body)> Branches, IReadOnlyList<Node>? Else, int Line) : Node(Line);

internal sealed record ForNode(string Variable, string? ValueVariable, Expr Iterable, IReadOnlyList<Node> Body, IReadOnlyList<Node>? Else, int Line) : Node(Line);

internal sealed record SetNode(string Name, Expr Value, int Line) : Node(Line);

/// <summary><c>{% filter upper | trim %}...{% endfilter %}</c>: the body's output goes through the filters.</summary>
internal sealed record FilterBlockNode(IReadOnlyList<(string Name, IReadOnlyList<Argument> Arguments)> Filters, IReadOnlyList<Node> Body, int Line) : Node(Line);

/// <summary><c>{% block name %}</c>: rendered in place.</summary>
internal sealed record BlockNode(IReadOnlyList<Node> Body, int Line) : Node(Line);
