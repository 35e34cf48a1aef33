namespace Merlin.Core.Limits;

/// <summary>Input or work went past a configured limit; the message says which one and how to raise it.</summary>
public sealed class LimitExceededException : Exception
{
    public LimitExceededException()
    {
    }

    public LimitExceededException(string message)
        : base(message)
    {
    }

    public LimitExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>"{what} (limit {value}, setting Merlin:Limits:{property})".</summary>
    public static LimitExceededException For(string what, object value, string property) =>
        new($"{what} (limit {value}, setting {LimitOptions.Setting(property)})");
}
