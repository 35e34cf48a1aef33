using Merlin.Sdk.Runs;

namespace Merlin.Sdk.Testing;

/// <summary>Plugin settings the test configures, by type; any other type gets its defaults, as in the server.</summary>
public sealed class FakeTaskSettings : ITaskSettings
{
    private readonly Dictionary<Type, object> _configured = [];

    /// <summary>Configures <paramref name="settings"/> as the plugin's settings of its type.</summary>
    public void Set<T>(T settings) where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(settings);
        _configured[typeof(T)] = settings;
    }

    public T Get<T>() where T : class, new() => _configured.GetValueOrDefault(typeof(T)) as T ?? new T();
}
