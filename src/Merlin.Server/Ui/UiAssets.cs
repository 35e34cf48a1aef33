using System.Reflection;
using System.Security.Cryptography;

namespace Merlin.Server.Ui;

/// <summary>
/// The web UI's files, embedded in the server assembly (logical names <c>ui/...</c>) and loaded once: no build step,
/// no files to deploy beside the binary.
/// </summary>
internal sealed class UiAssets
{
    private const string Prefix = "ui/";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".json"] = "application/json; charset=utf-8",
        [".ico"] = "image/x-icon",
        [".png"] = "image/png",
        [".txt"] = "text/plain; charset=utf-8",
    };

    private readonly Dictionary<string, UiAsset> _assets;

    private UiAssets(Dictionary<string, UiAsset> assets) => _assets = assets;

    public UiAsset Index => _assets["index.html"];

    public static UiAssets Load(Assembly assembly)
    {
        var assets = new Dictionary<string, UiAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"embedded UI file '{name}' cannot be read");
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            var content = memory.ToArray();
            var path = name[Prefix.Length..].Replace('\\', '/');
            var type = ContentTypes.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream");
            var etag = "\"" + Convert.ToHexString(SHA256.HashData(content), 0, 8).ToLowerInvariant() + "\"";
            assets[path] = new UiAsset(content, type, etag);
        }

        if (!assets.ContainsKey("index.html"))
        {
            throw new InvalidOperationException("the UI's index.html is not embedded in the server assembly");
        }

        return new UiAssets(assets);
    }

    /// <summary>A file by its path under <c>/ui/</c>; null when there is none.</summary>
    public UiAsset? Find(string path) => _assets.GetValueOrDefault(path);
}
