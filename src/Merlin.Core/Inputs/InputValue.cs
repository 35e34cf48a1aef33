namespace Merlin.Core.Inputs;

/// <summary>A raw input as received: text from a form or query, a typed JSON value, or an uploaded file.</summary>
public abstract record InputValue
{
    public sealed record Text(string Value) : InputValue;

    public sealed record Typed(object? Value) : InputValue;

    /// <summary>An uploaded file, already stored in internal storage at <paramref name="Uri"/>.</summary>
    public sealed record File(string Uri) : InputValue;
}
