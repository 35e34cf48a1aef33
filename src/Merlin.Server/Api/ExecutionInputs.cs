using System.Text;
using System.Text.Json;
using Merlin.Core.Flows;
using Merlin.Core.Inputs;
using Merlin.Core.Json;
using Merlin.Core.Limits;
using Merlin.Runtime.Errors;
using Merlin.Runtime.Executions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Merlin.Server.Api;

/// <summary>
/// Reads execution inputs from a request: multipart form fields and files (a file matches an input by part
/// name or, as Kestra's Python client sends it, by file name), a JSON object body, or nothing.
/// </summary>
internal static class ExecutionInputs
{
    public static Task<(Dictionary<string, InputValue> Inputs, List<UploadedFile> Files)> ReadAsync(HttpRequest request, Flow flow, CancellationToken cancellationToken) =>
        ReadAsync(request, flow.Inputs, cancellationToken);

    /// <summary>Reads inputs declared by <paramref name="declaredInputs"/> (a flow's inputs, a Pause's <c>onResume</c>).</summary>
    public static async Task<(Dictionary<string, InputValue> Inputs, List<UploadedFile> Files)> ReadAsync(HttpRequest request, IEnumerable<InputDefinition> declaredInputs, CancellationToken cancellationToken)
    {
        var inputs = new Dictionary<string, InputValue>();
        var files = new List<UploadedFile>();
        if (MultipartBoundary(request) is { } boundary)
        {
            var declared = declaredInputs.Select(i => i.Id).ToHashSet();
            var body = await SmallBodyAsync(request, cancellationToken);
            if (body is { } small && !Encoding.ASCII.GetString(small.ToArray()).Contains("content-disposition", StringComparison.OrdinalIgnoreCase))
            {
                return (inputs, files); // an empty form, as .NET's HttpClient sends it for no fields
            }

            var reader = new MultipartReader(boundary, body ?? request.Body);
            while (await NextSectionAsync(reader, cancellationToken) is { } section)
            {
                // Sections without a usable Content-Disposition carry no input (some clients send an empty part).
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || disposition.Name.Value is not { Length: > 0 } rawName)
                {
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(rawName).Value!;
                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileName.HasValue ? disposition.FileName : disposition.FileNameStar).Value;
                if (fileName is null)
                {
                    using var text = new StreamReader(section.Body);
                    inputs[name] = new InputValue.Text(await RequestBody.ReadMultipartAsync(() => text.ReadToEndAsync(cancellationToken)));
                    continue;
                }

                var buffer = await RequestBody.ReadMultipartAsync(() => BufferAsync(section.Body, cancellationToken));
                files.Add(new UploadedFile(InputIdOf(name, fileName, declared), fileName, () => buffer));
            }
        }
        else if (request.HasFormContentType)
        {
            var form = await RequestBody.ReadMultipartAsync(() => request.ReadFormAsync(cancellationToken));
            foreach (var (key, values) in form)
            {
                inputs[key] = new InputValue.Text(values.ToString());
            }
        }
        else if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                var limits = request.HttpContext.RequestServices.GetRequiredService<LimitOptions>();
                using var document = await ParseLimitedAsync(request.Body, limits, cancellationToken);
                if (PlainValueConverter.FromElement(document.RootElement) is not Dictionary<string, object?> map)
                {
                    throw new BadRequestException("the JSON body must be an object of inputs");
                }

                foreach (var (key, value) in map)
                {
                    inputs[key] = new InputValue.Typed(value);
                }
            }
            catch (JsonException e)
            {
                throw new BadRequestException("invalid JSON body: " + e.Message);
            }
        }

        return (inputs, files);
    }

    private static Task<MultipartSection?> NextSectionAsync(MultipartReader reader, CancellationToken cancellationToken) =>
        RequestBody.ReadMultipartAsync(() => reader.ReadNextSectionAsync(cancellationToken));

    private static async Task<JsonDocument> ParseLimitedAsync(Stream body, LimitOptions limits, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonDocument.ParseAsync(body, JsonDepth.Options(limits), cancellationToken);
        }
        catch (JsonException e) when (JsonDepth.IsExceeded(e))
        {
            throw new BadRequestException(JsonDepth.Exceeded(limits, "the JSON body").Message);
        }
    }

    private static string InputIdOf(string name, string fileName, HashSet<string> declared)
    {
        if (declared.Contains(name))
        {
            return name;
        }

        var stem = Path.GetFileNameWithoutExtension(fileName);
        return declared.Contains(fileName) ? fileName : declared.Contains(stem) ? stem : name;
    }

    private static async Task<MemoryStream?> SmallBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is not { } length || length > 4096)
        {
            return null;
        }

        var memory = new MemoryStream();
        await request.Body.CopyToAsync(memory, cancellationToken);
        memory.Position = 0;
        return memory;
    }

    private static string? MultipartBoundary(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            ? HeaderUtilities.RemoveQuotes(type.Boundary).Value
            : null;

    /// <summary>Uploads up to 1 MiB stay in memory; bigger ones go to a temporary file deleted when closed.</summary>
    private static async Task<Stream> BufferAsync(Stream body, CancellationToken cancellationToken)
    {
        var memory = new MemoryStream();
        await CopyAtMostAsync(body, memory, 1 << 20, cancellationToken);
        if (memory.Length < 1 << 20)
        {
            memory.Position = 0;
            return memory;
        }

        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        memory.Position = 0;
        await memory.CopyToAsync(file, cancellationToken);
        await body.CopyToAsync(file, cancellationToken);
        file.Position = 0;
        return file;
    }

    private static async Task CopyAtMostAsync(Stream from, Stream to, int limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        int read;
        while (to.Length < limit && (read = await from.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - to.Length)), cancellationToken)) > 0)
        {
            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }
}
