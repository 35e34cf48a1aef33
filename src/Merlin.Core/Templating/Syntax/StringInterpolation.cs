using Parlot.Fluent;

namespace Merlin.Core.Templating.Syntax;

/// <summary>Pebble's <c>"#{expr}"</c> interpolation inside double-quoted string literals.</summary>
internal static class StringInterpolation
{
    private static readonly Parser<IReadOnlyList<Expr>> Parts = ZeroOrMany(OneOf(
        Literals.Text("#{").SkipAnd(ExpressionGrammar.Expression).AndSkip(Terms.Char('}')),
        AnyCharBefore(Literals.Text("#{"), canBeEmpty: false, failOnEof: false, consumeDelimiter: false).Then<Expr>(static s => new LiteralExpr(s.ToString()))));

    public static Expr Parse(string text)
    {
        if (!text.Contains("#{", StringComparison.Ordinal)) return new LiteralExpr(text);
        if (!Parts.TryParse(text, out var parts) || parts is null || parts.Count == 0) return new LiteralExpr(text);
        return parts.Skip(1).Aggregate(parts[0] is LiteralExpr ? parts[0] : new BinaryExpr("~", new LiteralExpr(""), parts[0]), static (acc, e) => new BinaryExpr("~", acc, e));
    }
}
