using System.Security.Cryptography;
using Merlin.Core.Inputs;
using Merlin.Runtime.Secrets;
using Xunit;

namespace Merlin.Runtime.Tests.Secrets;

public sealed class SecretCipherTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("merlin-cipher-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public void Encrypted_values_differ_each_time_and_decrypt_to_the_plain_value()
    {
        var cipher = SecretCipher.Create(null, _dataDir);

        var first = cipher.Encrypt("hunter2");
        var second = cipher.Encrypt("hunter2");

        Assert.True(EncryptedSecret.Is(first));
        Assert.NotEqual(first, second);
        Assert.DoesNotContain("hunter2", first, StringComparison.Ordinal);
        Assert.Equal("hunter2", cipher.Decrypt(first));
        Assert.Equal(first, cipher.Encrypt(first)); // already encrypted: a subflow passing it on does not wrap it twice
        Assert.Equal("plain", cipher.Decrypt("plain"));
    }

    [Fact]
    public void The_generated_key_is_kept_in_the_data_dir_so_a_restart_still_decrypts()
    {
        var encrypted = SecretCipher.Create(null, _dataDir).Encrypt("s3cret");

        Assert.Equal("s3cret", SecretCipher.Create(null, _dataDir).Decrypt(encrypted));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dataDir, "encryption.key")));
        }
    }

    [Fact]
    public void A_value_encrypted_with_another_key_fails_with_a_message_about_the_key()
    {
        var encrypted = new SecretCipher(RandomNumberGenerator.GetBytes(32)).Encrypt("s3cret");
        var other = SecretCipher.Create(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), _dataDir);

        var error = Assert.Throws<InvalidOperationException>(() => other.Decrypt(encrypted));

        Assert.Contains("another key", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => other.Decrypt(EncryptedSecret.Prefix + "not base64!"));
    }

    [Fact]
    public void A_configured_key_that_is_not_32_bytes_of_base64_stops_the_start_with_the_setting_named()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SecretCipher.Create("c2hvcnQ=", _dataDir));

        Assert.Contains("Merlin:Security:EncryptionKey", error.Message, StringComparison.Ordinal);
    }
}
