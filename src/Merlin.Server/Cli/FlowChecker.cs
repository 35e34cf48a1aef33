using Merlin.Core.Flows;
using Merlin.Core.Flows.Yaml;
using Merlin.Core.Plugins;

using Merlin.Server.Hosting;

namespace Merlin.Server.Cli;

/// <summary>
/// Validates flow files offline with the server's own parser, so CI catches errors before a deploy; positions are
/// reported against the file (a file may hold several documents separated by <c>---</c>).
/// </summary>
internal sealed class FlowChecker
{
    private readonly FlowParser _parser = new(PluginAssemblies.Registry());

    /// <summary>One document of a file: the flow, or its errors as <c>file:line:column: path: message</c>.</summary>
    public sealed record Document(string File, string Source, Flow? Flow, IReadOnlyList<string> Errors);

    public IReadOnlyList<Document> Check(string file)
    {
        var documents = FlowParser.SplitDocumentsWithLines(System.IO.File.ReadAllText(file));
        if (documents.Count == 0)
        {
            return [new Document(file, "", null, [$"{file}: the file holds no flow"])];
        }

        return documents.Select(d => Check(file, d.Source, d.FirstLine)).ToList();
    }

    private Document Check(string file, string source, int firstLine)
    {
        try
        {
            return new Document(file, source, _parser.Parse(source), []);
        }
        catch (FlowValidationException e)
        {
            return new Document(file, source, null, e.Violations.Select(v => Format(file, firstLine, v)).ToList());
        }
    }

    private static string Format(string file, int firstLine, FlowViolation violation) =>
        violation.Position is { } p
            ? $"{file}:{p.Line + firstLine}:{p.Column}: {violation.Path}: {violation.Message}"
            : $"{file}: {violation.Path}: {violation.Message}";
}
