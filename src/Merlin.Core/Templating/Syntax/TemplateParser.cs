namespace Merlin.Core.Templating.Syntax;

/// <summary>Parses template text into nodes, turning grammar errors into <see cref="TemplateException"/>.</summary>
internal static class TemplateParser
{
    public static ParsedTemplate Parse(string source)
    {
        try
        {
            return ParseChecked(source);
        }
        catch (InsufficientExecutionStackException)
        {
            throw new TemplateException($"Unable to parse the template: it nests too deeply ({source.Length} characters)");
        }
    }

    private static ParsedTemplate ParseChecked(string source)
    {
        if (!TemplateGrammar.Template.TryParse(source, out var tokens, out var error) || tokens is null)
        {
            var where = error is null ? "" : $" at line {error.Position.Line}, column {error.Position.Column}";
            var what = error?.Message ?? "Syntax error";
            throw new TemplateException($"Unable to parse the template `{source}`: {what}{where}");
        }
        IReadOnlyList<Node> nodes;
        try
        {
            nodes = TreeBuilder.Build(tokens);
        }
        catch (TemplateSyntaxError e)
        {
            throw new TemplateException($"Unable to parse the template `{source}`: {e.Message} at line {e.Line}");
        }
        return new ParsedTemplate(source, nodes, SingleExpression(nodes));
    }

    private static OutputNode? SingleExpression(IReadOnlyList<Node> nodes)
    {
        OutputNode? single = null;
        foreach (var node in nodes)
        {
            switch (node)
            {
                case TextNode t when string.IsNullOrWhiteSpace(t.Text):
                    continue;
                case OutputNode o when single is null:
                    single = o;
                    continue;
                default:
                    return null;
            }
        }
        return single;
    }
}
