using System.Text;
using Merlin.Runtime.Errors;
using Microsoft.AspNetCore.WebUtilities;

namespace Merlin.Server.Api;

internal static class RequestBody
{
    /// <summary>Reads a YAML (or text) request body as UTF-8; 400 when empty.</summary>
    public static async Task<string> ReadTextAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(text) ? throw new BadRequestException("the request body is empty: send the flow as application/x-yaml") : text;
    }

    /// <summary>A multipart body that ends before its closing boundary is the client's error (400), not the server's.</summary>
    public static async Task<T> ReadMultipartAsync<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (IOException e) when (e.Source == typeof(MultipartReader).Assembly.GetName().Name) // not a disk or connection fault
        {
            throw new BadRequestException("malformed multipart body: " + e.Message);
        }
    }
}
