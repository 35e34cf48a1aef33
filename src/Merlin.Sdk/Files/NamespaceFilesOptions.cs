namespace Merlin.Sdk.Files;

/// <summary>
/// Kestra's <c>namespaceFiles</c>: copies the flow's namespace files into the working directory before the task runs;
/// <c>include</c>/<c>exclude</c> are globs on paths relative to the namespace.
/// </summary>
public sealed class NamespaceFilesOptions
{
    /// <summary>True by default once the property is given.</summary>
    public bool Enabled { get; init; } = true;
    public List<string>? Include { get; init; }
    public List<string>? Exclude { get; init; }

    /// <summary>Namespaces whose files are copied (later ones win on the same path); by default the flow's own.</summary>
    public List<string>? Namespaces { get; init; }

    /// <summary>OVERWRITE (default), FAIL, WARN or IGNORE when two namespaces hold the same path.</summary>
    public string IfExists { get; init; } = "OVERWRITE";

    /// <summary>Each namespace's files go into a folder named after it.</summary>
    public bool FolderPerNamespace { get; init; }
}
