namespace Merlin.Server.Tests.Conformance.KestraTests;

/// <summary>A step of a kestra-tests case that does not hold.</summary>
public sealed class KestraCaseFailureException(string message) : Exception(message);
