using System.Reflection;
using Merlin.Core.Plugins;

namespace Merlin.Server.Hosting;

/// <summary>The plugin assemblies the server loads: the core tasks and the script tasks (Kestra ships those as a plugin of their own too).</summary>
public static class PluginAssemblies
{
    public static IReadOnlyList<Assembly> All { get; } =
        [typeof(Merlin.Plugins.PluginsAssembly).Assembly, typeof(Merlin.Plugins.Scripts.ScriptsAssembly).Assembly];

    /// <summary>A registry of every type the server knows.</summary>
    public static PluginRegistry Registry() => PluginRegistry.Create([.. All]);
}
