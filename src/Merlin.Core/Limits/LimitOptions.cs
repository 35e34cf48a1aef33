namespace Merlin.Core.Limits;

/// <summary>
/// Bounds on what a flow, a request or a template may make the server do (<c>Merlin:Limits</c>). Each refusal
/// names its setting, so an operator can raise a limit knowingly. Defaults are safe for a shared server.
/// </summary>
public sealed class LimitOptions
{
    public const string Section = "Limits";

    /// <summary>Deepest nesting the stored JSON documents are written and read with; <see cref="MaxDepth"/> plus the envelope must fit.</summary>
    public const int StorageDepth = 256;

    /// <summary>Nesting depth of any data accepted: flow YAML, JSON bodies, webhook payloads, <c>yaml()</c>/<c>fromJson()</c>/jq results, task and flow outputs.</summary>
    public int MaxDepth { get; set; } = 100;

    /// <summary>Aliases to collections one YAML document may use (as SnakeYAML's <c>maxAliasesForCollections</c>).</summary>
    public int YamlMaxAliases { get; set; } = 50;

    /// <summary>Nodes that YAML aliases may add once expanded (stops "billion laughs" documents).</summary>
    public int YamlMaxAliasedNodes { get; set; } = 10_000;

    /// <summary>Largest text <c>yaml()</c>, <c>fromJson()</c> or jq will parse, in characters.</summary>
    public int MaxParsedTextLength { get; set; } = 10 * 1024 * 1024;

    /// <summary>Evaluation steps (nodes, loop iterations, range elements) one task's templates may take.</summary>
    public long TemplateMaxSteps { get; set; } = 5_000_000;

    /// <summary>Evaluation steps a template rendered by the executor itself (runIf, If, Switch, ForEach values, flow outputs) may take.</summary>
    public long EngineTemplateMaxSteps { get; set; } = 100_000;

    /// <summary>Steps a task may render on the executor loop before it moves to a thread of its own.</summary>
    public long InlineTemplateSteps { get; set; } = 10_000;

    /// <summary>Longest text one render may produce (and longest string a template may build), in characters.</summary>
    public int TemplateMaxOutputLength { get; set; } = 10 * 1024 * 1024;

    /// <summary>Nested <c>render()</c> calls one template may make.</summary>
    public int TemplateMaxRenderDepth { get; set; } = 16;

    /// <summary>Wall-clock time one task's templates may take in total.</summary>
    public TimeSpan TemplateMaxDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest outputs one task run may report, measured as JSON characters.</summary>
    public long TaskMaxOutputSize { get; set; } = 10L * 1024 * 1024;

    /// <summary>Start-up replays an unfinished execution may take without completing before it is failed instead of replayed.</summary>
    public int RecoveryMaxAttempts { get; set; } = 3;

    /// <summary>The name operators set a limit by, for messages: <c>Merlin:Limits:MaxDepth</c>.</summary>
    public static string Setting(string property) => $"Merlin:{Section}:{property}";

    /// <summary>Throws when a setting is out of range; called at start-up.</summary>
    public void Validate()
    {
        Require(MaxDepth is >= 8 and <= StorageDepth - 64, nameof(MaxDepth), $"between 8 and {StorageDepth - 64}");
        Require(YamlMaxAliases >= 0, nameof(YamlMaxAliases), "0 or more");
        Require(YamlMaxAliasedNodes >= 0, nameof(YamlMaxAliasedNodes), "0 or more");
        Require(MaxParsedTextLength > 0, nameof(MaxParsedTextLength), "positive");
        Require(TemplateMaxSteps > 0, nameof(TemplateMaxSteps), "positive");
        Require(EngineTemplateMaxSteps > 0, nameof(EngineTemplateMaxSteps), "positive");
        Require(InlineTemplateSteps > 0, nameof(InlineTemplateSteps), "positive");
        Require(TemplateMaxOutputLength > 0, nameof(TemplateMaxOutputLength), "positive");
        Require(TemplateMaxRenderDepth is > 0 and <= 64, nameof(TemplateMaxRenderDepth), "between 1 and 64");
        Require(TemplateMaxDuration > TimeSpan.Zero, nameof(TemplateMaxDuration), "positive");
        Require(TaskMaxOutputSize > 0, nameof(TaskMaxOutputSize), "positive");
        Require(RecoveryMaxAttempts > 0, nameof(RecoveryMaxAttempts), "positive");
    }

    private static void Require(bool valid, string property, string expected)
    {
        if (!valid)
        {
            throw new InvalidOperationException($"{Setting(property)} must be {expected}.");
        }
    }
}
