namespace Merlin.Core.Templating.Syntax;

/// <summary>Applies whitespace control and nests the flat tokens into if/for/filter/block nodes.</summary>
internal sealed class TreeBuilder
{
    private readonly List<Token> _tokens;
    private int _position;

    private TreeBuilder(List<Token> tokens) => _tokens = tokens;

    public static IReadOnlyList<Node> Build(IReadOnlyList<Token> tokens)
    {
        var builder = new TreeBuilder(ApplyWhitespaceControl(tokens));
        var nodes = builder.ParseUntil(out var end);
        if (end is not null) throw new TemplateSyntaxError($"Unexpected `{end.Name}` tag", end.Line);
        return nodes;
    }

    private static List<Token> ApplyWhitespaceControl(IReadOnlyList<Token> tokens)
    {
        var result = tokens.ToList();
        for (var i = 0; i < result.Count; i++)
        {
            if (result[i] is not TextToken { Literal: false } text) continue;
            var value = text.Text;
            if (i > 0 && result[i - 1].TrimAfter) value = value.TrimStart();
            if (i + 1 < result.Count && result[i + 1].TrimBefore) value = value.TrimEnd();
            if (!ReferenceEquals(value, text.Text)) result[i] = text with { Text = value };
        }
        return result;
    }

    /// <summary>Parses nodes until a closing/intermediate tag it does not own; returns that tag in <paramref name="end"/>.</summary>
    private List<Node> ParseUntil(out TagToken? end)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var nodes = new List<Node>();
        while (_position < _tokens.Count)
        {
            var token = _tokens[_position++];
            switch (token)
            {
                case TextToken t:
                    if (t.Text.Length > 0) nodes.Add(new TextNode(t.Text));
                    break;
                case OutputToken o:
                    nodes.Add(new OutputNode(o.Expression, o.Line));
                    break;
                case CommentToken:
                    break;
                case TagToken tag:
                    switch (tag.Name)
                    {
                        case "if": nodes.Add(ParseIf(tag)); break;
                        case "for": nodes.Add(ParseFor(tag)); break;
                        case "set":
                            var set = (SetHeader)tag.Payload!;
                            nodes.Add(new SetNode(set.Name, set.Value, tag.Line));
                            break;
                        case "filter":
                            var body = ParseBody(tag, "endfilter");
                            nodes.Add(new FilterBlockNode(((FilterChain)tag.Payload!).Filters, body, tag.Line));
                            break;
                        case "block":
                            nodes.Add(new BlockNode(ParseBody(tag, "endblock"), tag.Line));
                            break;
                        default:
                            end = tag;
                            return nodes;
                    }
                    break;
            }
        }
        end = null;
        return nodes;
    }

    private List<Node> ParseBody(TagToken open, string endName)
    {
        var body = ParseUntil(out var end);
        if (end is null) throw new TemplateSyntaxError($"Unclosed `{open.Name}` tag, expected `{{% {endName} %}}`", open.Line);
        if (end.Name != endName) throw new TemplateSyntaxError($"Unexpected `{end.Name}` tag, expected `{{% {endName} %}}`", end.Line);
        return body;
    }

    private IfNode ParseIf(TagToken open)
    {
        var branches = new List<(Expr, IReadOnlyList<Node>)>();
        var condition = (Expr)open.Payload!;
        while (true)
        {
            var body = ParseUntil(out var end);
            if (end is null) throw new TemplateSyntaxError("Unclosed `if` tag, expected `{% endif %}`", open.Line);
            branches.Add((condition, body));
            switch (end.Name)
            {
                case "elseif":
                    condition = (Expr)end.Payload!;
                    continue;
                case "else":
                    return new IfNode(branches, ParseBody(open, "endif"), open.Line);
                case "endif":
                    return new IfNode(branches, null, open.Line);
                default:
                    throw new TemplateSyntaxError($"Unexpected `{end.Name}` tag, expected `{{% endif %}}`", end.Line);
            }
        }
    }

    private ForNode ParseFor(TagToken open)
    {
        var header = (ForHeader)open.Payload!;
        var body = ParseUntil(out var end);
        if (end is null) throw new TemplateSyntaxError("Unclosed `for` tag, expected `{% endfor %}`", open.Line);
        List<Node>? elseBody = null;
        if (end.Name == "else") elseBody = ParseBody(open, "endfor");
        else if (end.Name != "endfor") throw new TemplateSyntaxError($"Unexpected `{end.Name}` tag, expected `{{% endfor %}}`", end.Line);
        return new ForNode(header.Variable, header.ValueVariable, header.Iterable, body, elseBody, open.Line);
    }
}

/// <summary>A structural error found while nesting tags; turned into a <see cref="TemplateException"/> by the engine.</summary>
internal sealed class TemplateSyntaxError(string message, int line) : Exception(message)
{
    public int Line { get; } = line;
}
