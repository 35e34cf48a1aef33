namespace Merlin.Core.Templating.Syntax;

/// <summary>An expression node of a parsed template.</summary>
internal abstract record Expr;

internal sealed record LiteralExpr(object? Value) : Expr;

internal sealed record VariableExpr(string Name) : Expr;

/// <summary><c>a.b</c> or <c>a[key]</c>.</summary>
internal sealed record MemberExpr(Expr Target, Expr Key) : Expr;

internal sealed record UnaryExpr(string Op, Expr Operand) : Expr;

internal sealed record BinaryExpr(string Op, Expr Left, Expr Right) : Expr;

internal sealed record TernaryExpr(Expr Condition, Expr WhenTrue, Expr WhenFalse) : Expr;

internal sealed record FilterExpr(Expr Input, string Name, IReadOnlyList<Argument> Arguments) : Expr;

internal sealed record FunctionExpr(string Name, IReadOnlyList<Argument> Arguments) : Expr;

internal sealed record TestExpr(Expr Operand, string Name, bool Negated, IReadOnlyList<Argument> Arguments) : Expr;

internal sealed record ListExpr(IReadOnlyList<Expr> Items) : Expr;

internal sealed record MapExpr(IReadOnlyList<(Expr Key, Expr Value)> Entries) : Expr;

/// <summary>A call argument, named (<c>f(a=1)</c>) or positional.</summary>
internal sealed record Argument(string? Name, Expr Value);
