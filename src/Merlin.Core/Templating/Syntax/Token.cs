namespace Merlin.Core.Templating.Syntax;

/// <summary>A flat lexical piece of a template, before blocks are nested.</summary>
internal abstract record Token
{
    public bool TrimBefore { get; init; }
    public bool TrimAfter { get; init; }
    public int Line { get; init; }
}

internal sealed record TextToken(string Text) : Token
{
    /// <summary>Text from raw/verbatim blocks is never trimmed by neighbouring whitespace control.</summary>
    public bool Literal { get; init; }
}

internal sealed record CommentToken : Token;

internal sealed record OutputToken(Expr Expression) : Token;

/// <summary>A <c>{% name ... %}</c> tag; Payload depends on the tag.</summary>
internal sealed record TagToken(string Name, object? Payload) : Token;

internal sealed record ForHeader(string Variable, string? ValueVariable, Expr Iterable);

internal sealed record SetHeader(string Name, Expr Value);

internal sealed record FilterChain(IReadOnlyList<(string Name, IReadOnlyList<Argument> Arguments)> Filters);
