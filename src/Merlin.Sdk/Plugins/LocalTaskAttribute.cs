namespace Merlin.Sdk.Plugins;

/// <summary>
/// A task that only renders, logs and returns values: no I/O of its own beyond what its templates read, no wait. In a
/// cluster it runs in the process of the executor that dispatched it, without the round trip through the workers' queue
/// (as a local activity in Temporal): a Log between two scripts costs no hop. It runs as on a worker otherwise: the same
/// run context, timeout, template budget and kill.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class LocalTaskAttribute : Attribute;
