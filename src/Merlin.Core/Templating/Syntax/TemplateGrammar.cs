using Parlot.Fluent;

namespace Merlin.Core.Templating.Syntax;

/// <summary>Splits a template into text, <c>{{ }}</c>, <c>{% %}</c>, <c>{# #}</c> and raw/verbatim tokens.</summary>
internal static class TemplateGrammar
{
    public static readonly Parser<IReadOnlyList<Token>> Template;

    static TemplateGrammar()
    {
        var expression = ExpressionGrammar.Expression;
        var identifier = ExpressionGrammar.Identifier;
        var line = Always<object>().Then(static (ctx, _) => ctx.Scanner.Cursor.Position.Line);
        var dash = ZeroOrOne(Literals.Char('-')).Then(static d => d.Count > 0);
        var closeDash = ZeroOrOne(Terms.Char('-')).Then(static d => d.Count > 0);

        var outputClose = closeDash.AndSkip(Terms.Text("}}").ElseError("Expected `}}` to close the expression"));
        var output = line.AndSkip(Literals.Text("{{")).And(dash).And(expression.ElseError("Expected an expression after `{{`")).And(outputClose)
            .Then<Token>(static t => new OutputToken(t.Item3) { Line = t.Item1, TrimBefore = t.Item2, TrimAfter = t.Item4 });

        var commentClose = Literals.Text("#}");
        var comment = Literals.Text("{#").SkipAnd(AnyCharBefore(commentClose, canBeEmpty: true, failOnEof: true, consumeDelimiter: true).ElseError("Unclosed comment, expected `#}`"))
            .Then<Token>(static s => new CommentToken { TrimBefore = s.Length > 0 && s.Span[0] == '-', TrimAfter = s.Length > 0 && s.Span[^1] == '-' });

        static Parser<bool> TagOf(string name) =>
            Literals.Text("{%").SkipAnd(ZeroOrOne(Literals.Char('-'))).SkipAnd(Terms.Keyword(name)).SkipAnd(ZeroOrOne(Terms.Char('-'))).AndSkip(Terms.Text("%}")).Then(static _ => true);

        Parser<Token> Verbatim(string open, string close) =>
            line.AndSkip(TagOf(open)).And(AnyCharBefore(TagOf(close), canBeEmpty: true, failOnEof: true, consumeDelimiter: true).ElseError($"Unclosed `{open}` block, expected `{{% {close} %}}`"))
                .Then<Token>(static t => new TextToken(t.Item2.ToString()) { Line = t.Item1, Literal = true });

        var forHeader = identifier.And(ZeroOrOne(Terms.Char(',').SkipAnd(identifier))).AndSkip(Terms.Keyword("in").ElseError("Expected `in` in the for tag")).And(expression)
            .Then<object?>(static t => new ForHeader(t.Item1, t.Item2.Count > 0 ? t.Item2[0] : null, t.Item3));
        var setHeader = identifier.AndSkip(Terms.Char('=').ElseError("Expected `=` in the set tag")).And(expression.ElseError("Expected an expression in the set tag"))
            .Then<object?>(static t => new SetHeader(t.Item1, t.Item2));
        var filterItem = Terms.Identifier().Then(static s => s.ToString()).And(ZeroOrOne(ExpressionGrammar.ArgumentList))
            .Then(static t => (t.Item1, t.Item2.Count > 0 ? t.Item2[0] : (IReadOnlyList<Argument>)[]));
        var filterHeader = Separated(Terms.Char('|'), filterItem).Then<object?>(static f => new FilterChain(f));
        var none = Always<object?>(null);

        static Parser<(string, object?)> Named(string name, Parser<object?> payload) =>
            Terms.Keyword(name).SkipAnd(payload).Then(p => (name, p));

        var tagBody = OneOf(
            Named("if", expression.ElseError("Expected a condition in the if tag").Then<object?>(static e => e)),
            Named("elseif", expression.ElseError("Expected a condition in the elseif tag").Then<object?>(static e => e)),
            Named("else", none),
            Named("endif", none),
            Named("for", forHeader.ElseError("Expected `for item in items`")),
            Named("endfor", none),
            Named("set", setHeader.ElseError("Expected `set name = value`")),
            Named("filter", filterHeader.ElseError("Expected a filter name")),
            Named("endfilter", none),
            Named("block", identifier.Then<object?>(static s => s)),
            Named("endblock", ZeroOrOne(identifier).Then<object?>(static _ => null)));

        var tagClose = closeDash.AndSkip(Terms.Text("%}").ElseError("Expected `%}` to close the tag"));
        var tag = line.AndSkip(Literals.Text("{%")).And(dash).And(tagBody.ElseError("Unknown or malformed tag")).And(tagClose)
            .Then<Token>(static t => new TagToken(t.Item3.Item1, t.Item3.Item2) { Line = t.Item1, TrimBefore = t.Item2, TrimAfter = t.Item4 });

        var text = AnyCharBefore(OneOf(Literals.Text("{{"), Literals.Text("{%"), Literals.Text("{#")), canBeEmpty: false, failOnEof: false, consumeDelimiter: false)
            .Then<Token>(static s => new TextToken(s.ToString()));

        Template = ZeroOrMany(OneOf(Verbatim("raw", "endraw"), Verbatim("verbatim", "endverbatim"), comment, output, tag, text)).Eof()
            .ElseError("Unexpected content");
    }
}
