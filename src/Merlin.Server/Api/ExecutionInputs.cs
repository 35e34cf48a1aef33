using System.Text.Json;
using Merlin.Core.Flows;
using Merlin.Core.Inputs;
using Merlin.Core.Json;
using Merlin.Runtime.Errors;
using Merlin.Runtime.Executions;

namespace Merlin.Server.Api;

/// <summary>
/// Reads execution inputs from a request: multipart form fields and files (a file matches an input by part
/// name or, as Kestra's Python client sends it, by file name), a JSON object body, or nothing.
/// </summary>
internal static class ExecutionInputs
{
    public static async Task<(Dictionary<string, InputValue> Inputs, List<UploadedFile> Files)> ReadAsync(HttpRequest request, Flow flow, CancellationToken cancellationToken)
    {
        var inputs = new Dictionary<string, InputValue>();
        var files = new List<UploadedFile>();
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            foreach (var (key, values) in form)
            {
                inputs[key] = new InputValue.Text(values.ToString());
            }

            var declared = flow.Inputs.Select(i => i.Id).ToHashSet();
            foreach (var file in form.Files)
            {
                files.Add(new UploadedFile(InputIdOf(file, declared), file.FileName, file.OpenReadStream));
            }
        }
        else if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
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

    private static string InputIdOf(IFormFile file, HashSet<string> declared)
    {
        if (declared.Contains(file.Name))
        {
            return file.Name;
        }

        var stem = Path.GetFileNameWithoutExtension(file.FileName);
        return declared.Contains(file.FileName) ? file.FileName : declared.Contains(stem) ? stem : file.Name;
    }
}
