using System.Reflection;
using System.Runtime.Loader;

namespace Merlin.Server.Plugins;

/// <summary>
/// One plugin's assemblies, isolated from the other plugins': its own dependencies resolve from its directory (through its
/// <c>.deps.json</c> when it has one), while Merlin.Sdk and the framework come from the host, so a plugin's tasks derive
/// from the very <c>RunnableTask</c> the server runs.
/// </summary>
internal sealed class PluginLoadContext(string mainAssemblyPath)
    : AssemblyLoadContext("plugin:" + Path.GetFileNameWithoutExtension(mainAssemblyPath))
{
    /// <summary>Assemblies every plugin shares with the host.</summary>
    private static readonly string[] Shared = ["Merlin.Sdk"];

    private readonly AssemblyDependencyResolver _resolver = new(mainAssemblyPath);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (Shared.Contains(assemblyName.Name, StringComparer.Ordinal))
        {
            return null; // the default context: the host's copy
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
