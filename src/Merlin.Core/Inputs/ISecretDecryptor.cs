namespace Merlin.Core.Inputs;

/// <summary>Turns a stored SECRET value (<see cref="EncryptedSecret"/>) back into its clear text; the runtime holds the key.</summary>
public interface ISecretDecryptor
{
    string Decrypt(string value);
}
