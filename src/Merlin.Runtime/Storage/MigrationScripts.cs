using System.Globalization;
using System.Reflection;

namespace Merlin.Runtime.Storage;

/// <summary>
/// A backend's numbered schema scripts, embedded as <c>Migrations/NNNN_name.sql</c> (the csproj gives them that
/// logical name), in version order.
/// </summary>
public static class MigrationScripts
{
    private const string Prefix = "Migrations/";

    public static IReadOnlyList<(int Version, string Name)> Find(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var scripts = new List<(int, string)>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(Prefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var name = resource[Prefix.Length..];
            if (!int.TryParse(name.Split('_', 2)[0], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"Migration {name} must start with its version number (0001_...).");
            }

            scripts.Add((version, name));
        }

        scripts.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return scripts;
    }

    public static string Read(Assembly assembly, string name)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        using var stream = assembly.GetManifestResourceStream(Prefix + name)
            ?? throw new InvalidOperationException($"Migration {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
