using Merlin.Core.Limits;
using Merlin.Core.Plugins;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Merlin.Core.Flows.Yaml;

/// <summary>
/// Parses flow YAML into a validated <see cref="Flow"/>. Every problem becomes a
/// <see cref="FlowValidationException"/> that says what and where.
/// </summary>
public sealed class FlowParser(PluginRegistry registry, LimitOptions limits)
{
    public FlowParser(PluginRegistry registry)
        : this(registry, new LimitOptions())
    {
    }

    private readonly NodeBinder _binder = new(registry);
    private readonly FlowValidator _validator = new();

    public PluginRegistry Registry => registry;

    /// <summary>Parses one flow document.</summary>
    public Flow Parse(string source)
    {
        var documents = Load(source);
        return documents.Count switch
        {
            0 => throw new FlowValidationException(new FlowViolation("flow", "the flow source is empty")),
            1 => Build(documents[0], source),
            _ => throw new FlowValidationException(new FlowViolation("flow", "expected one YAML document, found " + documents.Count)),
        };
    }

    /// <summary>Splits a multi-document YAML text (separated by <c>---</c>) into per-flow sources.</summary>
    public static IReadOnlyList<string> SplitDocuments(string source) => SplitDocumentsWithLines(source).Select(d => d.Source).ToList();

    /// <summary>
    /// Splits a multi-document YAML text into per-flow sources, each with the 0-based line of the whole text it
    /// starts at, so a position inside one document can be reported against the file.
    /// </summary>
    public static IReadOnlyList<(string Source, int FirstLine)> SplitDocumentsWithLines(string source)
    {
        var parts = new List<(string, int)>();
        var current = new System.Text.StringBuilder();
        var lines = source.Split('\n');
        var first = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimEnd('\r') == "---")
            {
                Flush();
                first = i + 1;
                continue;
            }

            current.Append(lines[i]).Append('\n');
        }

        Flush();
        return parts;

        void Flush()
        {
            var text = current.ToString().TrimEnd('\n');
            if (!string.IsNullOrWhiteSpace(text))
            {
                parts.Add((text, first));
            }

            current.Clear();
        }
    }

    private Flow Build(YamlDocument document, string source)
    {
        if (document.RootNode is not YamlMappingNode root)
        {
            throw new FlowValidationException(new FlowViolation("flow", "a flow must be a YAML map", YamlValues.PositionOf(document.RootNode)));
        }

        var plain = YamlValues.ToMap(root);
        plain.Remove("revision");
        PluginDefaultsApplier.Apply(root, registry);
        Flow flow;
        try
        {
            flow = _binder.Bind<Flow>(root, "flow");
        }
        catch (YamlBindingException e)
        {
            throw new FlowValidationException(new FlowViolation(e.Path, e.Message, e.Position));
        }

        flow = flow with { Source = source, Document = plain };
        var violations = _validator.Validate(flow);
        return violations.Count > 0 ? throw new FlowValidationException(violations) : flow;
    }

    private List<YamlDocument> Load(string source)
    {
        YamlStream stream;
        try
        {
            stream = YamlLoader.Load(source, limits);
        }
        catch (YamlLimitException e)
        {
            throw new FlowValidationException(new FlowViolation("flow", e.Message, e.Position));
        }
        catch (YamlException e)
        {
            var message = e.InnerException?.Message ?? e.Message;
            throw new FlowValidationException(new FlowViolation("flow", "Invalid YAML: " + message, new SourcePosition((int)e.Start.Line, (int)e.Start.Column)));
        }
        catch (ArgumentException e)
        {
            // YamlDotNet reports a duplicate map key as an ArgumentException from its dictionary.
            throw new FlowValidationException(new FlowViolation("flow", "Invalid YAML: " + e.Message));
        }

        return stream.Documents.Where(d => d.RootNode is not YamlScalarNode { Value: null or "" }).ToList();
    }
}
