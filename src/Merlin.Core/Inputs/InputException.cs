namespace Merlin.Core.Inputs;

/// <summary>An input value that is missing or does not fit its declaration; the execution is refused.</summary>
public sealed class InputException(string inputId, string message) : Exception($"Invalid input for `{inputId}`, {message}")
{
    public string InputId { get; } = inputId;
}
