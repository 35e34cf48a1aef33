namespace Merlin.Plugins.Http;

/// <summary>The stored name of a downloaded file, following Kestra's Download task.</summary>
public static class DownloadFileName
{
    /// <summary>The <c>filename</c> (or RFC 5987 <c>filename*</c>) of a Content-Disposition header, without any path; null if absent.</summary>
    public static string? FromContentDisposition(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        string? name = null;
        foreach (var part in header.Split(';').Select(p => p.Trim()))
        {
            if (part.StartsWith("filename*", StringComparison.OrdinalIgnoreCase))
            {
                var value = part[(part.IndexOf('=', StringComparison.Ordinal) + 1)..];
                var quote = value.LastIndexOf('\'');
                name = Uri.UnescapeDataString(quote >= 0 ? value[(quote + 1)..] : value);
            }
            else if (part.StartsWith("filename", StringComparison.OrdinalIgnoreCase) && name is null)
            {
                name = part[(part.IndexOf('=', StringComparison.Ordinal) + 1)..];
            }
        }

        name = name?.Trim().Trim('"');
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        var slash = name.LastIndexOfAny(['/', '\\']);
        return slash >= 0 ? name[(slash + 1)..] : name;
    }

    /// <summary>A random name keeping the extension of the URI's last path segment (<c>.tmp</c> if none).</summary>
    public static string FromUri(Uri? uri)
    {
        var segment = uri?.AbsolutePath is { } path ? path[(path.LastIndexOf('/') + 1)..] : "";
        var dot = segment.IndexOf('.', StringComparison.Ordinal);
        var extension = dot >= 0 ? segment[dot..] : ".tmp";
        return Guid.NewGuid().ToString("N") + extension;
    }
}
