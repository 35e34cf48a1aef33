namespace Merlin.Sdk.Runs;

/// <summary>
/// A plugin's settings as the server was configured with them (the script tasks' <c>Merlin:Scripts</c>, for one): an
/// options class the host registers for the plugin, never a server service.
/// </summary>
public interface ITaskSettings
{
    /// <summary>The configured settings of type <typeparamref name="T"/>, or its defaults when the host has none.</summary>
    T Get<T>() where T : class, new();
}
