namespace Merlin.Runtime.Worker;

/// <summary>What a task run may reach beyond its own logs and files: KV, secrets, and actions on executions and triggers.</summary>
public sealed record TaskCapabilities(ITaskKv Kv, ITaskSecrets Secrets, ITaskExecutions Executions, ITaskTriggers Triggers);
