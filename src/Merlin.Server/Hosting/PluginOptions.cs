namespace Merlin.Server.Hosting;

/// <summary>Third-party plugins (<c>Merlin:Plugins</c>).</summary>
public sealed class PluginOptions
{
    /// <summary>
    /// A directory of plugins (<c>Merlin:Plugins:Path</c>, <c>Merlin__Plugins__Path</c>): each entry is one plugin, a
    /// <c>.dll</c> or a directory holding a plugin's build output. None when unset.
    /// </summary>
    public string? Path { get; set; }
}
