using System.Reflection;
using Merlin.Core.Plugins;
using Merlin.Server.Hosting;

namespace Merlin.Server.Plugins;

/// <summary>
/// Loads third-party plugins from <c>Merlin:Plugins:Path</c>: each entry of the directory is one plugin, either a
/// <c>.dll</c> or a directory with a plugin's build output (its main assembly is the one its <c>.deps.json</c> names, else
/// the <c>.dll</c> named like the directory), each in an <see cref="PluginLoadContext"/> of its own. A plugin may not
/// reuse a type name or alias that Merlin or another plugin already has: the server refuses to start and names both.
/// </summary>
internal static class PluginDirectory
{
    /// <summary>The registry of the built-in types plus the plugins of <paramref name="path"/> (none when null or blank).</summary>
    public static PluginRegistry CreateRegistry(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return PluginAssemblies.Registry();
        }

        var plugins = Load(path);
        CheckNames([typeof(PluginRegistry).Assembly, .. PluginAssemblies.All], plugins);
        return PluginRegistry.Create([.. PluginAssemblies.All, .. plugins]);
    }

    /// <summary>The main assembly of every plugin in <paramref name="path"/>, in name order.</summary>
    public static IReadOnlyList<Assembly> Load(string path)
    {
        var root = Path.GetFullPath(path);
        if (!Directory.Exists(root))
        {
            throw new InvalidOperationException($"The plugins directory '{root}' does not exist (setting Merlin:Plugins:Path)");
        }

        var entries = Directory.EnumerateFiles(root, "*.dll").Concat(Directory.EnumerateDirectories(root)).Order(StringComparer.Ordinal);
        return entries.Select(entry => LoadPlugin(MainAssembly(entry))).ToList();
    }

    private static string MainAssembly(string entry)
    {
        if (File.Exists(entry))
        {
            return entry;
        }

        var deps = Directory.GetFiles(entry, "*.deps.json");
        var name = deps.Length == 1 ? Path.GetFileName(deps[0])[..^".deps.json".Length] : Path.GetFileName(entry);
        var main = Path.Combine(entry, name + ".dll");
        return File.Exists(main)
            ? main
            : throw new InvalidOperationException($"The plugin directory '{entry}' has no {name}.dll (a plugin directory holds one plugin's build output)");
    }

    private static Assembly LoadPlugin(string mainAssembly)
    {
        try
        {
            return new PluginLoadContext(mainAssembly).LoadFromAssemblyPath(mainAssembly);
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException)
        {
            throw new InvalidOperationException($"The plugin '{mainAssembly}' cannot be loaded: {e.Message}", e);
        }
    }

    /// <summary>Refuses a plugin type name or alias that Merlin or an earlier plugin already declares.</summary>
    private static void CheckNames(IEnumerable<Assembly> builtIn, IEnumerable<Assembly> plugins)
    {
        var owners = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in builtIn.SelectMany(PluginTypes))
        {
            foreach (var name in Names(type))
            {
                owners[name] = type;
            }
        }

        foreach (var type in plugins.SelectMany(PluginTypes))
        {
            foreach (var name in Names(type))
            {
                if (owners.TryGetValue(name, out var owner) && owner != type)
                {
                    throw new InvalidOperationException(
                        $"The plugin type '{name}' of {type.FullName} ({type.Assembly.Location}) is already declared by {owner.FullName} ({Source(owner)}); "
                        + "a plugin must use a type name of its own");
                }

                owners[name] = type;
            }
        }
    }

    private static IEnumerable<string> Names(Type type)
    {
        var attribute = type.GetCustomAttribute<PluginAttribute>()!; // PluginTypes keeps only the types that have one
        return attribute.Aliases.Prepend(attribute.Type);
    }

    private static IEnumerable<Type> PluginTypes(Assembly assembly)
    {
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            throw new InvalidOperationException($"The plugin '{assembly.Location}' cannot be loaded: {e.LoaderExceptions.FirstOrDefault()?.Message}", e);
        }

        return types.Where(t => !t.IsAbstract && t.GetCustomAttribute<PluginAttribute>() is not null);
    }

    private static string Source(Type type) =>
        type.Assembly == typeof(PluginRegistry).Assembly || PluginAssemblies.All.Contains(type.Assembly) ? "built in" : type.Assembly.Location;
}
