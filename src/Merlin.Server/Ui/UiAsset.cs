namespace Merlin.Server.Ui;

/// <summary>One embedded UI file with its content type and a strong ETag (a hash of its bytes).</summary>
internal sealed record UiAsset(byte[] Content, string ContentType, string ETag);
