namespace Merlin.Runtime.Worker;

/// <summary>
/// The plugin settings objects the host configured (<c>Merlin:Scripts</c>...), by type; a task asking for another type gets
/// that type's defaults. Only these objects are handed out: a task cannot reach the server's services through them.
/// </summary>
public sealed class TaskSettings(IEnumerable<object> configured) : ITaskSettings
{
    private readonly Dictionary<Type, object> _byType = configured.ToDictionary(o => o.GetType());

    public T Get<T>() where T : class, new() => _byType.GetValueOrDefault(typeof(T)) as T ?? new T();
}
