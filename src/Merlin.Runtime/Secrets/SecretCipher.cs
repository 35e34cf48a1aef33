using System.Security.Cryptography;
using System.Text;
using Merlin.Core.Inputs;

namespace Merlin.Runtime.Secrets;

/// <summary>
/// Encrypts SECRET input values at rest (AES-256-GCM, a fresh nonce per value) and decrypts them for the task
/// that renders them. The key comes from settings or is generated once into the data directory.
/// </summary>
public sealed class SecretCipher : ISecretDecryptor
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    public SecretCipher(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = key.Length == 32 ? key : throw new ArgumentException("the encryption key must be 32 bytes (base64 of 32 random bytes)", nameof(key));
    }

    /// <summary>The configured key (base64 of 32 bytes) or the one stored in <c>{dataDir}/encryption.key</c>, created on first use.</summary>
    public static SecretCipher Create(string? configuredKey, string dataDir)
    {
        if (!string.IsNullOrWhiteSpace(configuredKey))
        {
            try
            {
                return new SecretCipher(Convert.FromBase64String(configuredKey.Trim()));
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw new InvalidOperationException("Merlin:Security:EncryptionKey must be the base64 of 32 bytes (openssl rand -base64 32).", e);
            }
        }

        var path = Path.Combine(dataDir, "encryption.key");
        if (!File.Exists(path))
        {
            var created = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                using var writer = new StreamWriter(path, Encoding.ASCII, options);
                writer.Write(created);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: use that one.
            }
        }

        return new SecretCipher(Convert.FromBase64String(File.ReadAllText(path).Trim()));
    }

    /// <summary>The encrypted form of <paramref name="plain"/>; a value already encrypted is returned as is.</summary>
    public string Encrypt(string plain)
    {
        ArgumentNullException.ThrowIfNull(plain);
        if (EncryptedSecret.Is(plain))
        {
            return plain;
        }

        var data = Encoding.UTF8.GetBytes(plain);
        var sealedBytes = new byte[NonceSize + TagSize + data.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, data, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize));
        return EncryptedSecret.Prefix + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The plain value of an encrypted one; anything else is returned as is.</summary>
    public string Decrypt(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!EncryptedSecret.Is(value))
        {
            return value;
        }

        try
        {
            var sealedBytes = Convert.FromBase64String(value[EncryptedSecret.Prefix.Length..]);
            var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain);
            return Encoding.UTF8.GetString(plain);
        }
        catch (Exception e) when (e is CryptographicException or FormatException or OverflowException or ArgumentException)
        {
            throw new InvalidOperationException("A SECRET input cannot be decrypted: it was encrypted with another key (Merlin:Security:EncryptionKey or encryption.key changed?)", e);
        }
    }

    /// <summary>The values of the declared SECRET inputs encrypted in place (execution inputs, onResume inputs).</summary>
    public Dictionary<string, object?> EncryptInputs(IEnumerable<InputDefinition> declared, Dictionary<string, object?> values)
    {
        foreach (var input in declared.Where(i => i.Type == InputType.SECRET))
        {
            if (values.TryGetValue(input.Id, out var value) && value is string { Length: > 0 } plain)
            {
                values[input.Id] = Encrypt(plain);
            }
        }

        return values;
    }
}
