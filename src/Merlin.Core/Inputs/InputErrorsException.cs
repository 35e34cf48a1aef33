namespace Merlin.Core.Inputs;

/// <summary>Several inputs are missing or invalid: every one is reported at once (the message is the first's).</summary>
public sealed class InputErrorsException(IReadOnlyList<InputException> errors) : Exception(errors[0].Message)
{
    public IReadOnlyList<InputException> Errors { get; } = errors;
}
