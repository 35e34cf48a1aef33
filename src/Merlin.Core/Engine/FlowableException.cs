namespace Merlin.Core.Engine;

/// <summary>A flowable task that cannot resolve its children (bad loop values, no Switch case...): it fails.</summary>
public sealed class FlowableException(string message) : Exception(message);
