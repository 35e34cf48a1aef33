namespace Merlin.Runtime.Worker;

/// <summary>
/// What a task run may reach beyond its own logs and files: KV, secrets, namespace files, its plugin's settings, and
/// actions on executions and triggers.
/// </summary>
public sealed record TaskCapabilities(ITaskKv Kv, ITaskSecrets Secrets, ITaskNamespaceFiles NamespaceFiles, ITaskExecutions Executions,
    ITaskTriggers Triggers, ITaskSettings Settings);
