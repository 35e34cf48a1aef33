namespace Merlin.Plugins.Execution;

/// <summary>A deliberate failure requested by the flow (the Fail task); its message is the user's.</summary>
public sealed class TaskFailedException(string message) : Exception(message);
