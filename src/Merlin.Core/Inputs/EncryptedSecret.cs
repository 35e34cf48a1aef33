namespace Merlin.Core.Inputs;

/// <summary>
/// How an encrypted SECRET input value looks once stored (<see cref="Prefix"/> + base64), and how every answer
/// that shows inputs masks it. Encryption itself lives with the runtime, which holds the key.
/// </summary>
public static class EncryptedSecret
{
    public const string Prefix = "merlin-encrypted:v1:";

    /// <summary>What API answers show in place of a SECRET input (Kestra's UI shows the same mask).</summary>
    public const string Mask = "******";

    public static bool Is(object? value) => value is string text && text.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The inputs with every encrypted value replaced by <see cref="Mask"/>; the same instance when none is.</summary>
    public static IReadOnlyDictionary<string, object?>? Masked(IReadOnlyDictionary<string, object?>? inputs) =>
        inputs is null || !inputs.Values.Any(Is)
            ? inputs
            : inputs.ToDictionary(p => p.Key, p => Is(p.Value) ? Mask : p.Value);
}
